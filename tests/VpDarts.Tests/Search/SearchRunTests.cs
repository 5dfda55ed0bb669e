using System.Text.Json.Nodes;

namespace VpDarts.Tests.Search;

public sealed class SearchRunTests() : TempFolderTests("vpdarts-search-")
{
    private static SearchConfig Tiny(SearchMethod method, KMode k = KMode.Adjustable) => new()
    {
        Method = method, K = k, Epochs = 4, Warmup = 1, Layers = 1, Channels = 4, BatchSize = 16, EvalBatchSize = 32,
        Threads = 1, Seed = 7, Dataset = "random",
    };

    private SearchResult Run(SearchConfig config, string name, IRunProgress? progress = null) =>
        new SearchRun(config, new RandomSearchData(), new RunDirectory(In(name)), progress ?? new SilentProgress()).Execute();

    [Theory]
    [InlineData(SearchMethod.VpDarts, KMode.Adjustable)]
    [InlineData(SearchMethod.VpDarts, KMode.Fixed)]
    [InlineData(SearchMethod.Darts, KMode.Adjustable)]
    [InlineData(SearchMethod.HardPrune, KMode.Adjustable)]
    [InlineData(SearchMethod.ProgressivePrune, KMode.Adjustable)]
    public void EveryMethodProducesAnArchMetricsAndACheckpoint(SearchMethod method, KMode k)
    {
        var result = Run(Tiny(method, k), $"{method}-{k}");
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
        if (method == SearchMethod.VpDarts)
        {
            Assert.Equal("warm-up", metrics[0].Phase);
            Assert.Null(metrics[0].Importance);
            Assert.NotNull(metrics[1].Importance);
            Assert.Equal(24, metrics[1].Pruned!.Count);
        }
        if (method == SearchMethod.Darts) Assert.All(metrics, m => Assert.Equal("search", m.Phase));
    }

    [Theory]
    [InlineData(2, 2)]
    [InlineData(1, 1)]
    [InlineData(0, 4)]
    public void KeepsTheNewestCheckpointsOrAllWithZero(int keep, int expected)
    {
        var result = Run(Tiny(SearchMethod.VpDarts) with { KeepCheckpoints = keep }, "keep" + keep);
        var names = Checkpoints.List(new RunDirectory(result.RunDirectory).CheckpointsPath).Select(Path.GetFileName).ToList();
        Assert.Equal(Enumerable.Range(0, expected).Select(i => $"epoch-{4 - i:D4}"), names);
    }

    [Fact]
    public void SameSeedGivesTheSameArchAndAlpha()
    {
        var a = Run(Tiny(SearchMethod.VpDarts), "a");
        var b = Run(Tiny(SearchMethod.VpDarts), "b");
        Assert.Equal(a.Arch, b.Arch);
        var alphaA = MetricsText.Of(new RunDirectory(a.RunDirectory).ReadSearchMetrics()[^1].Alpha);
        var alphaB = MetricsText.Of(new RunDirectory(b.RunDirectory).ReadSearchMetrics()[^1].Alpha);
        Assert.Equal(alphaA, alphaB);
        var c = Run(Tiny(SearchMethod.VpDarts) with { Seed = 8 }, "c");
        Assert.NotEqual(alphaA, MetricsText.Of(new RunDirectory(c.RunDirectory).ReadSearchMetrics()[^1].Alpha));
    }

    [Fact]
    public void ResumingFromACheckpointReproducesTheUninterruptedRun()
    {
        var whole = Run(Tiny(SearchMethod.VpDarts), "whole");
        var partial = In("partial");
        var stopAfterTwo = new CancelAfterEpochs(2);
        Assert.Throws<OperationCanceledException>(() =>
            new SearchRun(Tiny(SearchMethod.VpDarts), new RandomSearchData(), new RunDirectory(partial), stopAfterTwo).Execute(stopAfterTwo.Token));
        Assert.Equal(2, new RunDirectory(partial).ReadSearchMetrics().Count);

        var resumed = new SearchRun(Tiny(SearchMethod.VpDarts), new RandomSearchData(), new RunDirectory(partial), new SilentProgress()).Execute();
        Assert.Equal(whole.Arch, resumed.Arch);
        Assert.Equal(new RunDirectory(whole.RunDirectory).ReadSearchMetrics().Select(Strip), new RunDirectory(partial).ReadSearchMetrics().Select(Strip));
    }

    [Theory]
    [InlineData(1, 2)]  // warm-up epoch, after its second step
    [InlineData(2, 1)]  // a pruning epoch, after its first step
    public void StoppingInsideAnEpochCheckpointsThereAndResumesExactly(int epoch, int steps)
    {
        var whole = Run(Tiny(SearchMethod.VpDarts), "whole-mid");
        var dir = In($"mid-{epoch}-{steps}");
        var stop = new CancelAfterSteps(epoch - 1, steps);
        Assert.Throws<OperationCanceledException>(() =>
            new SearchRun(Tiny(SearchMethod.VpDarts), new RandomSearchData(), new RunDirectory(dir), stop).Execute(stop.Token));
        Assert.Contains(Checkpoints.List(Path.Combine(dir, "checkpoints")), c => c.EndsWith($"epoch-{epoch - 1:D4}-step-{steps:D5}"));

        var notes = new List<string>();
        var resumed = new SearchRun(Tiny(SearchMethod.VpDarts), new RandomSearchData(), new RunDirectory(dir), new RecordingProgress(notes)).Execute();
        Assert.Contains(notes, n => n.Contains($"in epoch {epoch} after step {steps}"));
        Assert.Equal(whole.Arch, resumed.Arch);
        Assert.Equal(new RunDirectory(whole.RunDirectory).ReadSearchMetrics().Select(Strip), new RunDirectory(dir).ReadSearchMetrics().Select(Strip));
    }

    private static string Strip(SearchEpochRecord m) => MetricsText.WithoutTimings(m);

    private sealed class CancelAfterSteps(int epoch, int steps) : IRunProgress
    {
        private readonly CancellationTokenSource _source = new();
        public CancellationToken Token => _source.Token;
        public void Phase(string phase, int e, int total) { }
        public void Step(StepProgress step)
        {
            if (step.Epoch == epoch && step.Step == steps) _source.Cancel();
        }
        public void EpochDone(int e, string summary) { }
        public void Note(string message) { }
    }

    [Fact]
    public void ADivergingLossStopsWithEpochAndStepAndKeepsTheLastGoodCheckpoint()
    {
        var config = Tiny(SearchMethod.VpDarts) with { WeightLr = 1e25, WeightLrMin = 1e25, GradClip = 1e30 };
        var dir = In("nan");
        var fault = Assert.Throws<NumericFaultException>(() =>
            new SearchRun(config, new RandomSearchData(), new RunDirectory(dir), new SilentProgress()).Execute());
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
        var config = Tiny(SearchMethod.VpDarts) with { WeightLr = 0.01, WeightLrMin = 1e25, GradClip = 1e30 };
        var dir = In("late-nan");
        var fault = Assert.Throws<NumericFaultException>(() =>
            new SearchRun(config, new RandomSearchData(), new RunDirectory(dir), new SilentProgress()).Execute());
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
        var config = Tiny(SearchMethod.VpDarts);
        var dir = In("corrupt");
        var stop = new CancelAfterEpochs(3);
        Assert.Throws<OperationCanceledException>(() =>
            new SearchRun(config, new RandomSearchData(), new RunDirectory(dir), stop).Execute(stop.Token));
        var checkpoints = Checkpoints.List(Path.Combine(dir, "checkpoints"));
        Assert.Equal(2, checkpoints.Count);
        var model = Path.Combine(checkpoints[0], "model.bin");
        File.WriteAllBytes(model, File.ReadAllBytes(model)[..100]);  // truncated

        var notes = new List<string>();
        var progress = new RecordingProgress(notes);
        new SearchRun(config, new RandomSearchData(), new RunDirectory(dir), progress).Execute();
        Assert.Contains(notes, n => n.Contains("unusable") && n.Contains("model.bin"));
        Assert.Contains(notes, n => n.Contains("after epoch 2"));
        Assert.Equal(4, new RunDirectory(dir).ReadSearchMetrics().Count);
    }

    private sealed class CancelAfterEpochs(int epochs) : IRunProgress
    {
        private readonly CancellationTokenSource _source = new();
        public CancellationToken Token => _source.Token;
        public void Phase(string phase, int epoch, int total) { }
        public void Step(StepProgress step) { }
        public void EpochDone(int epoch, string summary)
        {
            if (epoch + 1 == epochs) _source.Cancel();
        }
        public void Note(string message) { }
    }

    private sealed class RecordingProgress(List<string> notes) : IRunProgress
    {
        public void Phase(string phase, int epoch, int total) { }
        public void Step(StepProgress step) { }
        public void EpochDone(int epoch, string summary) { }
        public void Note(string message) => notes.Add(message);
    }
}
