using System.Text.Json;
using System.Text.Json.Nodes;
using VpDarts.Tests.Cli;
using static TorchSharp.torch;

namespace VpDarts.Tests.Runs;

/// <summary>
/// A run folder written by commit 57125b1 (<c>vpdarts search --preset tiny --table …</c>: config.json, metrics.jsonl,
/// result.json and its newest checkpoint) still reads through the records, the report, the TensorBoard log and the
/// checkpoint loader, and its files are exactly what the records write back. The supernet loaded from its checkpoint
/// makes the final selection its result.json records.
/// </summary>
public sealed class OldRunFolderTests() : TempFolderTests("vpdarts-old-run-")
{
    private static readonly string Fixture = Path.Combine(Shared.RepoRoot, "tests", "VpDarts.Tests", "Fixtures", "run-57125b1");

    private static RunDirectory Run => new(Fixture);

    /// <summary>The fixture's settings, with the table path of the machine that wrote it dropped (a search does not read it).</summary>
    private static SearchConfig Config => SettingsFile<SearchConfig>.Load(Run.ConfigPath) with { Table = null };

    private string CopyOfFixture()
    {
        var copy = In($"run-{Guid.NewGuid():N}");
        foreach (var file in Directory.GetFiles(Fixture, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(copy, Path.GetRelativePath(Fixture, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
        return copy;
    }

    [Fact]
    public void Its_files_are_what_the_records_write_back()
    {
        var metrics = File.ReadAllText(Run.MetricsPath);
        var rewritten = new RunDirectory(In("rewritten"));
        Directory.CreateDirectory(rewritten.Root);
        rewritten.WriteMetrics(Run.ReadSearchMetrics());
        Assert.Equal(metrics, File.ReadAllText(rewritten.MetricsPath));

        var result = File.ReadAllText(Run.ResultPath);
        RunDirectory.WriteJson(rewritten.ResultPath, RunJson.Parse<SearchResultRecord>(result, Run.ResultPath));
        Assert.Equal(result, File.ReadAllText(rewritten.ResultPath));

        var checkpoint = Assert.Single(Checkpoints.List(Run.CheckpointsPath));
        Assert.Null(Checkpoints.Verify(checkpoint, out var manifest));
        Assert.Equal(File.ReadAllText(Path.Combine(checkpoint, "state.json")), JsonSerializer.Serialize(manifest, RunDirectory.Json));

        // config.json: every setting it holds is written back in its place with its value; the settings added since
        // are written as well, unset or at their defaults, which are what the run used.
        var stored = JsonNode.Parse(File.ReadAllText(Run.ConfigPath))!.AsObject();
        var written = JsonNode.Parse(JsonSerializer.Serialize(SettingsFile<SearchConfig>.Load(Run.ConfigPath), RunDirectory.Json))!.AsObject();
        Assert.Equal(stored.Select(p => p.Key), written.Select(p => p.Key).Where(stored.ContainsKey));
        Assert.All(stored, p => Assert.True(JsonNode.DeepEquals(p.Value, written[p.Key]), p.Key));
        Assert.Equal(["image_size", "nesterov", "step_order", "clip_includes_alpha", "tau_max", "tau_min", "dirichlet_regularizer", "dirichlet_reg_scale",
                      "final_choice", "ablation_augment", "tie_rule", "skip_uninformative_edges", "fixed_split"],
            written.Select(p => p.Key).Where(k => !stored.ContainsKey(k)));
        var config = SettingsFile<SearchConfig>.Load(Run.ConfigPath);
        Assert.Equal(new SearchConfig().FinalChoice, config.FinalChoice);
        Assert.Equal(new SearchConfig().TieRule, config.TieRule);
        Assert.True(config.SkipUninformativeEdges);
        Assert.False(config.FixedSplit || config.AblationAugment);
        var recorded = config.AsRecorded();  // what the version that wrote it ran
        Assert.Equal((0.0003, false, StepOrder.ArchFirst, false),
            (recorded.WeightDecay!.Value, recorded.Nesterov!.Value, recorded.StepOrder!.Value, recorded.ClipIncludesAlpha!.Value));
    }

    [Fact]
    public void Reads_as_a_finished_vp_darts_run()
    {
        var record = RunRecord.Load(Fixture);
        Assert.True(record.Finished);
        Assert.Equal([0, 1, 2, 3], record.Epochs.Select(m => m.Epoch));
        Assert.Equal(["warm-up", "search", "search", "search"], record.Epochs.Select(m => m.Phase));
        Assert.All(record.Epochs, m => Assert.True(EdgeMatrix.HasCellShape(m.Alpha!)));
        Assert.Null(record.Epochs[0].Importance);
        Assert.All(record.Epochs.Skip(1), m => Assert.Equal("valid-accuracy", m.ImportanceCriterion));
        Assert.All(record.Epochs.Skip(1), m => Assert.Equal(24, m.Pruned!.Count));
        Assert.All(record.Epochs.Skip(1), m => Assert.Equal(m.Kept, m.Arch));
        Assert.All(record.Epochs, m => Assert.Equal(m.Seconds!.Total!.Value, m.Seconds.Ablation!.Value + m.Seconds.Train!.Value, 6));

        var result = record.Result!;
        Assert.Equal("vp-darts", result.Method);
        Assert.Equal("adjustable", result.K);
        Assert.Equal(4, result.Epochs);
        Assert.Equal(record.Cell!.SkipConnectCount, result.SkipCount);
        Assert.True(EdgeMatrix.HasCellShape(result.FinalImportance!));
        Assert.NotNull(result.Nb201!.Cifar10Test);
        Assert.NotNull(result.Nb201.ImageNet16_120Test);
        Assert.InRange(result.Nb201.Cifar10Rank!.Value, 1, 15625);
        Assert.Equal(record.Epochs.Sum(m => m.Seconds!.Train!.Value), result.Seconds!.Train!.Value, 6);
    }

    [Fact]
    public void The_report_command_writes_its_report()
    {
        var copy = CopyOfFixture();
        var cli = CliHarness.Succeeds("report", copy);
        var report = File.ReadAllText(Path.Combine(copy, "report.md"));
        var result = RunJson.Parse<SearchResultRecord>(File.ReadAllText(Path.Combine(copy, "result.json")), "result.json");
        Assert.Contains("# Search report: vp-darts on demo", report);
        Assert.Contains($"`{result.Arch}`", report);
        Assert.Contains("| CIFAR-10 | ", report);
        Assert.DoesNotContain("has not finished", report);
        foreach (var figure in new[] { "curves.png", "alpha.png", "pruning.png", "importance.png", "cell.png" })
            Assert.True(File.Exists(Path.Combine(copy, "figures", figure)), figure);
    }

    [Fact]
    public void Every_epoch_goes_to_a_TensorBoard_log()
    {
        var metrics = Run.ReadSearchMetrics();
        using var log = new TensorBoardLog(In("tb"));
        foreach (var m in metrics) log.Write(m);
        // Warm-up: 8 scalars; search epochs: 12 (skip count and 3 NB201 accuracies among them) + valid loss and accuracy; 30 α each.
        Assert.Equal(4 * 30 + 8 + 3 * (12 + 2), log.ScalarsWritten);
        Assert.Single(Directory.GetFiles(log.LogDir));
    }

    [Fact]
    public void Its_checkpoint_loads_into_a_supernet_of_its_settings_which_repeats_the_final_selection()
    {
        var config = Config;
        set_num_threads(config.Threads);
        using var data = SearchRun.LoadData(config);
        var strategy = MethodModule.StrategyFor(config);
        using var net = new Supernet(new NetworkShape(config.Channels, config.Layers, data.Channels, data.Classes), strategy.Weighting,
            config.EffectiveSkipDropout);

        var warnings = new List<string>();
        var loaded = Checkpoints.LoadLatestModel(Run.CheckpointsPath, net, warnings.Add);
        Assert.Empty(warnings);
        Assert.NotNull(loaded);
        Assert.Equal(Path.Combine(Run.CheckpointsPath, "epoch-0004"), loaded.Folder);
        Assert.Equal(4, loaded.EpochsDone);
        Assert.Null(loaded.State.MidEpoch);
        var last = Run.ReadSearchMetrics()[^1];
        Assert.Equal(last.Kept, loaded.State.Strategy!.LastKept);
        Assert.True(loaded.State.Strategy.OpMask().Cast<bool>().All(alive => alive));  // VP-DARTS prunes softly
        Assert.Equal(MetricsText.Of(last.Alpha), MetricsText.Of(EdgeMatrix.From(net.AlphaValues())));
        Assert.Equal(4, Checkpoints.LoadModel(loaded.Folder, net).EpochsDone);

        strategy.LoadState(loaded.State.Strategy);
        var context = new SearchContext(net, config, StrategyFactory.Importance(config),
            (epoch, draw) => data.ValidSubset(epoch, draw, config.ValidFraction, config.EvalBatchSize), () => data.FullValid(config.EvalBatchSize));
        var final = strategy.SelectFinal(context);
        var expected = RunJson.Parse<SearchResultRecord>(File.ReadAllText(Run.ResultPath), Run.ResultPath);
        Assert.Equal(expected.Arch, final.Arch.ToString());
        Assert.Equal(expected.FinalImportanceCriterion, final.Importance!.Criterion);
        Assert.Equal(MetricsText.Of(expected.FinalImportance), MetricsText.Of(EdgeMatrix.From(final.Importance.Measure)));
    }

    [Fact]
    public void It_resumes_with_its_optimizer_state_and_repeats_its_result()
    {
        var copy = CopyOfFixture();
        File.Delete(Path.Combine(copy, "result.json"));  // a finished run is not searched again; without its result, the final selection runs again
        var config = Config;
        using var data = SearchRun.LoadData(config);
        var notes = new TestProgress();
        var result = new SearchRun(config, data, new RunDirectory(copy), notes).Execute();
        Assert.DoesNotContain(notes.Notes, n => n.Contains("unusable", StringComparison.Ordinal));
        Assert.Contains(notes.Notes, n => n.StartsWith($"resumed from {Path.Combine(copy, "checkpoints", "epoch-0004")}", StringComparison.Ordinal));
        var expected = RunJson.Parse<SearchResultRecord>(File.ReadAllText(Run.ResultPath), Run.ResultPath);
        Assert.Equal(expected.Arch, result.Arch.ToString());
    }

    [Fact]
    public void A_checkpoint_that_does_not_fit_the_supernet_is_named()
    {
        var config = Config with { Channels = 8 };
        var strategy = MethodModule.StrategyFor(config);
        using var net = new Supernet(new NetworkShape(config.Channels, config.Layers, 1, 10), strategy.Weighting, 0.2);
        var folder = Path.Combine(Run.CheckpointsPath, "epoch-0004");
        Assert.StartsWith($"{folder}: unusable checkpoint (", Assert.Throws<UserInputException>(() => Checkpoints.LoadModel(folder, net)).Message);
    }
}
