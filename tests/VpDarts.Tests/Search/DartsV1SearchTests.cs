using System.Text.Json.Nodes;
using VpDarts.Tests.Cli;
using static TorchSharp.torch;

namespace VpDarts.Tests.Search;

/// <summary>
/// DARTS-V1 as NB201 runs it: its run records the settings it resolved (weight decay 5e-4, Nesterov, the weight step
/// first, a clip that counts α), the earlier settings remain reachable through the config, and the step order
/// decides which α the first weight step sees.
/// </summary>
public sealed class DartsV1SearchTests() : TempFolderTests("vpdarts-darts-v1-")
{
    private static readonly string[] NewKeys = ["nesterov", "step_order", "clip_includes_alpha"];

    /// <summary>DARTS with the settings it ran with before the method defaults: 3e-4, plain momentum, α first, clip without α.</summary>
    private static SearchConfig OldDarts => TinySearch.Config(SearchMethod.Get<DartsMethod>()) with
    {
        WeightDecay = 3e-4, Nesterov = false, StepOrder = StepOrder.ArchFirst, ClipIncludesAlpha = false,
    };

    private static JsonObject ConfigJson(string dir) => JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "config.json")))!.AsObject();

    /// <summary>Rewrites the run's config.json as versions before the new settings wrote it: without their keys.</summary>
    private static void WriteOldStyleConfig(string dir)
    {
        var config = ConfigJson(dir);
        foreach (var key in NewKeys) Assert.True(config.Remove(key), key);
        File.WriteAllText(Path.Combine(dir, "config.json"), config.ToJsonString(RunDirectory.Json) + "\n");
    }

    [Fact]
    public void A_darts_run_records_the_settings_it_resolved()
    {
        var result = TinySearch.Run(TinySearch.Config(SearchMethod.Get<DartsMethod>()), In("darts"));
        var config = ConfigJson(result.RunDirectory);
        Assert.Equal(0.0005, config["weight_decay"]!.GetValue<double>());
        Assert.True(config["nesterov"]!.GetValue<bool>());
        Assert.Equal("weights-first", config["step_order"]!.GetValue<string>());
        Assert.True(config["clip_includes_alpha"]!.GetValue<bool>());

        var vp = ConfigJson(TinySearch.Run(TinySearch.Config(), In("vp")).RunDirectory);
        Assert.Equal(0.0003, vp["weight_decay"]!.GetValue<double>());
        Assert.False(vp["nesterov"]!.GetValue<bool>());
        Assert.Equal("arch-first", vp["step_order"]!.GetValue<string>());
        Assert.False(vp["clip_includes_alpha"]!.GetValue<bool>());
    }

    [Fact]
    public void The_earlier_darts_settings_are_reachable_and_search_differently()
    {
        var defaults = TinySearch.Run(TinySearch.Config(SearchMethod.Get<DartsMethod>()), In("defaults"));
        var old = TinySearch.Run(OldDarts, In("old"));
        var config = ConfigJson(old.RunDirectory);
        Assert.Equal(0.0003, config["weight_decay"]!.GetValue<double>());
        Assert.False(config["nesterov"]!.GetValue<bool>());
        Assert.Equal("arch-first", config["step_order"]!.GetValue<string>());
        Assert.False(config["clip_includes_alpha"]!.GetValue<bool>());
        Assert.NotEqual(TinySearch.Metrics(defaults.RunDirectory), TinySearch.Metrics(old.RunDirectory));

        // The same explicit settings repeat exactly, so the difference is theirs.
        Assert.Equal(TinySearch.Metrics(old.RunDirectory), TinySearch.Metrics(TinySearch.Run(OldDarts, In("old-again")).RunDirectory));
    }

    [Fact]
    public void The_step_order_alone_changes_a_darts_search()
    {
        var weightsFirst = TinySearch.Run(TinySearch.Config(SearchMethod.Get<DartsMethod>()), In("weights-first"));
        var archFirst = TinySearch.Run(TinySearch.Config(SearchMethod.Get<DartsMethod>()) with { StepOrder = StepOrder.ArchFirst }, In("arch-first"));
        Assert.Equal("arch-first", ConfigJson(archFirst.RunDirectory)["step_order"]!.GetValue<string>());
        Assert.NotEqual(TinySearch.Metrics(weightsFirst.RunDirectory), TinySearch.Metrics(archFirst.RunDirectory));
    }

    [Fact]
    public void Counting_alpha_in_the_clip_matters_only_when_the_clip_acts()
    {
        SearchConfig Clip(double norm, bool withAlpha) => TinySearch.Config(SearchMethod.Get<DartsMethod>()) with { GradClip = norm, ClipIncludesAlpha = withAlpha };
        IEnumerable<string> Run(double norm, bool withAlpha) => TinySearch.Metrics(TinySearch.Run(Clip(norm, withAlpha), In($"clip-{norm}-{withAlpha}")).RunDirectory);

        Assert.NotEqual(Run(1e-3, true), Run(1e-3, false));   // every step is clipped: α's share of the norm scales the weights' step
        Assert.Equal(Run(1e30, true), Run(1e30, false));      // never clipped: α's gradient of the weight step is not used
    }

    /// <summary>
    /// The losses of the supernet a search with <paramref name="config"/> starts from (its seed, its initial α and weights)
    /// on the first search-train and the first search-valid batch of epoch 0, computed here without the search loop.
    /// </summary>
    private static (float Train, float Valid) InitialLosses(SearchConfig config, ISearchData data)
    {
        set_num_threads(config.Threads);
        manual_seed(config.Seed);
        var strategy = MethodModule.StrategyFor(config);
        using var net = StrategyFactory.NewSupernet(config, strategy, data.Channels, data.Classes);
        net.train();
        var train = data.TrainBatches(0, config.BatchSize).First();
        var valid = data.ArchBatches(0, config.BatchSize).First();
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        float Loss(Batch batch) => nn.functional.cross_entropy(net.Forward(batch.Images, strategy.EdgeWeights(net)), batch.Labels).item<float>();
        var losses = (Loss(train), Loss(valid));
        foreach (var batch in new[] { train, valid })
        {
            batch.Images.Dispose();
            batch.Labels.Dispose();
        }
        return losses;
    }

    [Fact]
    public void The_first_weight_step_of_a_weights_first_epoch_sees_the_initial_alpha()
    {
        // One step per epoch: the epoch's train loss is its weight step's and its valid loss its architecture step's.
        // A large α rate makes the α of one architecture step clearly another α.
        var data = new RandomSearchData(train: 16, valid: 16);
        var config = TinySearch.Config(SearchMethod.Get<DartsMethod>()) with { Epochs = 1, ArchLr = 0.1 };
        var (train0, valid0) = InitialLosses(config, data);
        SearchEpochRecord Epoch(StepOrder order)
        {
            var dir = In(OptionNames.Name(order));
            new SearchRun(config with { StepOrder = order }, data, new RunDirectory(dir), new SilentProgress()).Execute();
            return Assert.Single(new RunDirectory(dir).ReadSearchMetrics());
        }

        // Weights first: the weight step uses the initial α and weights; the architecture step then sees the updated weights.
        var weightsFirst = Epoch(StepOrder.WeightsFirst);
        Assert.Equal(train0, weightsFirst.TrainLoss!.Value, 1e-5);
        Assert.True(Math.Abs(weightsFirst.ValidLoss!.Value - valid0) > 1e-4, $"valid loss {weightsFirst.ValidLoss} is the initial network's {valid0}");

        // Architecture first: the other way round.
        var archFirst = Epoch(StepOrder.ArchFirst);
        Assert.Equal(valid0, archFirst.ValidLoss!.Value, 1e-5);
        Assert.True(Math.Abs(archFirst.TrainLoss!.Value - train0) > 1e-4, $"train loss {archFirst.TrainLoss} is the initial network's {train0}");
    }

    [Fact]
    public void A_run_folder_without_the_new_keys_resumes_to_the_uninterrupted_search()
    {
        var config = TinySearch.Config();
        var whole = TinySearch.Run(config, In("whole"));
        var dir = In("old-style");
        var stop = TestProgress.CancelAfterEpochs(2);
        Assert.Throws<OperationCanceledException>(() => TinySearch.Run(config, dir, stop, stop.Token));
        WriteOldStyleConfig(dir);

        var resumed = TinySearch.Run(config, dir);
        Assert.Equal(whole.Arch, resumed.Arch);
        Assert.Equal(TinySearch.Metrics(whole.RunDirectory), TinySearch.Metrics(dir));
    }

    [Fact]
    public void An_old_style_darts_folder_resumes_only_under_the_settings_it_began_with()
    {
        var whole = TinySearch.Run(OldDarts, In("whole"));
        var dir = In("old-darts");
        var stop = TestProgress.CancelAfterEpochs(2);
        Assert.Throws<OperationCanceledException>(() => TinySearch.Run(OldDarts, dir, stop, stop.Token));
        WriteOldStyleConfig(dir);

        // Today's DARTS defaults would train the rest of the run differently: refused, naming what differs.
        var refused = Assert.Throws<UserInputException>(() => TinySearch.Run(TinySearch.Config(SearchMethod.Get<DartsMethod>()), dir));
        Assert.DoesNotContain('\n', refused.Message);
        Assert.Contains("nesterov: false → true", refused.Message);
        Assert.Contains("step_order: \"arch-first\" → \"weights-first\"", refused.Message);
        Assert.Contains("clip_includes_alpha: false → true", refused.Message);
        Assert.Contains("weight_decay: 0.0003 → 0.0005", refused.Message);

        // The settings it ran with continue it exactly.
        var resumed = TinySearch.Run(OldDarts, dir);
        Assert.Equal(whole.Arch, resumed.Arch);
        Assert.Equal(TinySearch.Metrics(whole.RunDirectory), TinySearch.Metrics(dir));
    }

    [Fact]
    public void Search_resume_continues_an_old_style_darts_folder_with_the_settings_it_began_with()
    {
        // The tiny preset's demo data, so that the command line can resume what the library began.
        var config = SearchPresets.Get("tiny") with
        {
            Method = SearchMethod.Get<DartsMethod>(), Epochs = 3, WeightDecay = 3e-4, Nesterov = false, StepOrder = StepOrder.ArchFirst, ClipIncludesAlpha = false,
        };
        SearchResult Search(string dir, TestProgress progress)
        {
            using var data = SearchRun.LoadData(config);
            return new SearchRun(config, data, new RunDirectory(dir), progress).Execute(progress.Token);
        }
        var whole = Search(In("whole"), new TestProgress());
        var dir = In("old-darts");
        Assert.Throws<OperationCanceledException>(() => Search(dir, TestProgress.CancelAfterEpochs(2)));
        WriteOldStyleConfig(dir);

        CliHarness.Succeeds("search", "--resume", dir);
        Assert.Equal(whole.Arch.ToString(), JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "result.json")))!["arch"]!.GetValue<string>());
        Assert.Equal(TinySearch.Metrics(whole.RunDirectory), TinySearch.Metrics(dir));
    }
}
