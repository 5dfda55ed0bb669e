using System.Text.Json.Nodes;

namespace VpDarts.Tests.Search;

public sealed class SearchRunTests() : TempFolderTests("vpdarts-search-")
{
    private SearchResult Run(SearchConfig config, string name) => TinySearch.Run(config, In(name));

    [Theory]
    [MemberData(nameof(TinySearch.EveryMethod), MemberType = typeof(TinySearch))]
    public void EveryMethodProducesAnArchMetricsAndACheckpoint(SearchMethod method, KMode k)
    {
        var result = Run(TinySearch.Config(method, k), $"{method}-{k}");
        Assert.True(Genotype.TryParse(result.Arch.ToString(), out _, out _));
        var run = new RunDirectory(result.RunDirectory);
        var metrics = run.ReadSearchMetrics();
        Assert.Equal(4, metrics.Count);
        Assert.All(metrics, m => Assert.Equal(6, m.Alpha!.Length));
        Assert.Equal(Enumerable.Range(0, 4), metrics.Select(m => m.Epoch));
        var resultJson = JsonNode.Parse(File.ReadAllText(run.ResultPath))!;
        Assert.Equal(result.Arch.ToString(), resultJson["arch"]!.GetValue<string>());
        Assert.NotEmpty(Checkpoints.List(run.CheckpointsPath));
        Assert.Null(Checkpoints.Verify(Checkpoints.List(run.CheckpointsPath)[0], out _));
        if (method == SearchMethod.Get<VpDartsMethod>())
        {
            Assert.Equal("warm-up", metrics[0].Phase);
            Assert.Null(metrics[0].Importance);
            Assert.NotNull(metrics[1].Importance);
            Assert.Equal(24, metrics[1].Pruned!.Count);
        }
        if (method == SearchMethod.Get<DartsMethod>()) Assert.All(metrics, m => Assert.Equal("search", m.Phase));
    }

    [Theory]
    [InlineData(2, 2)]
    [InlineData(1, 1)]
    [InlineData(0, 4)]
    public void KeepsTheNewestCheckpointsOrAllWithZero(int keep, int expected)
    {
        var result = Run(TinySearch.Config() with { KeepCheckpoints = keep }, "keep" + keep);
        var names = Checkpoints.List(new RunDirectory(result.RunDirectory).CheckpointsPath).Select(Path.GetFileName).ToList();
        Assert.Equal(Enumerable.Range(0, expected).Select(i => $"epoch-{4 - i:D4}"), names);
    }

    [Fact]
    public void SameSeedGivesTheSameArchAndAlpha()
    {
        var a = Run(TinySearch.Config(), "a");
        var b = Run(TinySearch.Config(), "b");
        Assert.Equal(a.Arch, b.Arch);
        var alphaA = MetricsText.Of(new RunDirectory(a.RunDirectory).ReadSearchMetrics()[^1].Alpha);
        var alphaB = MetricsText.Of(new RunDirectory(b.RunDirectory).ReadSearchMetrics()[^1].Alpha);
        Assert.Equal(alphaA, alphaB);
        var c = Run(TinySearch.Config() with { Seed = 8 }, "c");
        Assert.NotEqual(alphaA, MetricsText.Of(new RunDirectory(c.RunDirectory).ReadSearchMetrics()[^1].Alpha));
    }

    [Fact]
    public void ResumingFromACheckpointReproducesTheUninterruptedRun()
    {
        var whole = Run(TinySearch.Config(), "whole");
        var partial = In("partial");
        var stopAfterTwo = TestProgress.CancelAfterEpochs(2);
        Assert.Throws<OperationCanceledException>(() =>
            TinySearch.Run(TinySearch.Config(), partial, stopAfterTwo, stopAfterTwo.Token));
        Assert.Equal(2, new RunDirectory(partial).ReadSearchMetrics().Count);

        var resumed = TinySearch.Run(TinySearch.Config(), partial);
        Assert.Equal(whole.Arch, resumed.Arch);
        Assert.Equal(TinySearch.Metrics(whole.RunDirectory), TinySearch.Metrics(partial));
    }

    [Theory]
    [InlineData(1, 2)]  // warm-up epoch, after its second step
    [InlineData(2, 1)]  // a pruning epoch, after its first step
    public void StoppingInsideAnEpochCheckpointsThereAndResumesExactly(int epoch, int steps)
    {
        var whole = Run(TinySearch.Config(), "whole-mid");
        var dir = In($"mid-{epoch}-{steps}");
        var stop = TestProgress.CancelAfterStep(epoch - 1, steps);
        Assert.Throws<OperationCanceledException>(() =>
            TinySearch.Run(TinySearch.Config(), dir, stop, stop.Token));
        Assert.Contains(Checkpoints.List(Path.Combine(dir, "checkpoints")), c => c.EndsWith($"epoch-{epoch - 1:D4}-step-{steps:D5}"));

        var progress = new TestProgress();
        var resumed = TinySearch.Run(TinySearch.Config(), dir, progress);
        Assert.Contains(progress.Notes, n => n.Contains($"in epoch {epoch} after step {steps}"));
        Assert.Equal(whole.Arch, resumed.Arch);
        Assert.Equal(TinySearch.Metrics(whole.RunDirectory), TinySearch.Metrics(dir));
    }

    /// <summary>A tiny search into <paramref name="dir"/> with the weight rate going from <paramref name="lr"/> to 1e25, unclipped: the fault it stops with.</summary>
    private static NumericFaultException Diverges(double lr, string dir) =>
        Assert.Throws<NumericFaultException>(() => TinySearch.Run(TinySearch.Config() with { WeightLr = lr, WeightLrMin = 1e25, GradClip = 1e30 }, dir));

    [Fact]
    public void ADivergingLossStopsWithEpochAndStepAndKeepsTheLastGoodCheckpoint()
    {
        var dir = In("nan");
        var fault = Diverges(1e25, dir);
        Assert.Matches(@"^epoch 1, step \d+: loss became (NaN|-?∞|-?Infinity)", fault.Message);
        Assert.Empty(Checkpoints.List(Path.Combine(dir, "checkpoints")));
        Assert.Contains("no checkpoint was written before the fault", fault.Message);
        Assert.DoesNotContain("--resume", fault.Message);
        Assert.Contains($"--config {Path.Combine(dir, "config.json")} --weight-lr", fault.Message);
        Assert.True(File.Exists(Path.Combine(dir, "config.json")));
        Assert.False(File.Exists(Path.Combine(dir, "result.json")));
    }

    [Fact]
    public void ALaterNumericFaultNamesTheCheckpointItKeepsAndHowToRepeatFromIt()
    {
        // Cosine from 0.01 up to 1e25: the first epoch trains, the second diverges.
        var dir = In("late-nan");
        var fault = Diverges(0.01, dir);
        Assert.Matches(@"^epoch [2-4], step \d+: loss became", fault.Message);
        var kept = Checkpoints.List(Path.Combine(dir, "checkpoints"))[0];
        Assert.Null(Checkpoints.Verify(kept, out _));
        Assert.Contains($"the last checkpoint before the fault is kept ({kept})", fault.Message);
        Assert.Contains($"vpdarts search --resume {Path.GetFullPath(dir)}", fault.Message);
        Assert.Contains("vpdarts doctor", fault.Message);
    }

    [Fact]
    public void ACorruptNewestCheckpointFallsBackToThePreviousOne()
    {
        var config = TinySearch.Config();
        var dir = In("corrupt");
        var stop = TestProgress.CancelAfterEpochs(3);
        Assert.Throws<OperationCanceledException>(() =>
            TinySearch.Run(config, dir, stop, stop.Token));
        var checkpoints = Checkpoints.List(Path.Combine(dir, "checkpoints"));
        Assert.Equal(2, checkpoints.Count);
        var model = Path.Combine(checkpoints[0], "model.bin");
        File.WriteAllBytes(model, File.ReadAllBytes(model)[..100]);  // truncated

        var progress = new TestProgress();
        TinySearch.Run(config, dir, progress);
        Assert.Contains(progress.Notes, n => n.Contains("unusable") && n.Contains("model.bin"));
        Assert.Contains(progress.Notes, n => n.Contains("after epoch 2"));
        Assert.Equal(4, new RunDirectory(dir).ReadSearchMetrics().Count);
    }
}
