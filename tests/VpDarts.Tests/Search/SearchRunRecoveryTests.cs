using System.Text.Json.Nodes;

namespace VpDarts.Tests.Search;

/// <summary>
/// What a search folder may continue from: only its own settings, only checkpoints whose every recorded part reads
/// back, and a stop at any point (the ablation included) leaves a checkpoint to resume from exactly.
/// </summary>
public sealed class SearchRunRecoveryTests() : TempFolderTests("vpdarts-recovery-")
{
    private static SearchConfig Tiny(int warmup = 1) => new()
    {
        Method = SearchMethod.VpDarts, Epochs = 4, Warmup = warmup, Layers = 1, Channels = 4, BatchSize = 16, EvalBatchSize = 32,
        Threads = 1, Seed = 7, Dataset = "random",
    };

    private SearchResult Run(SearchConfig config, string dir, IRunProgress? progress = null, CancellationToken cancel = default) =>
        new SearchRun(config, new RandomSearchData(), new RunDirectory(dir), progress ?? new SilentProgress()).Execute(cancel);

    private static IEnumerable<string> Metrics(string dir) =>
        new RunDirectory(dir).ReadSearchMetrics().Select(MetricsText.WithoutTimings);

    [Fact]
    public void AFolderHoldingASearchContinuesOnlyUnderItsOwnSettings()
    {
        var dir = In("run");
        Run(Tiny(), dir);
        var config = File.ReadAllText(Path.Combine(dir, "config.json"));

        var other = Assert.Throws<UserInputException>(() => Run(Tiny() with { Epochs = 6, Seed = 5 }, dir));
        Assert.Contains("holds a search with other settings", other.Message);
        Assert.Contains("epochs: 4 → 6", other.Message);
        Assert.Contains("seed: 7 → 5", other.Message);
        Assert.Equal(config, File.ReadAllText(Path.Combine(dir, "config.json")));
        Assert.Equal(4, new RunDirectory(dir).ReadSearchMetrics().Count);

        // Threads change how fast, not what is searched.
        var again = Run(Tiny() with { Threads = 2 }, dir);
        Assert.Equal(config, File.ReadAllText(Path.Combine(dir, "config.json")));
        Assert.True(again.Arch.ToString().Length > 0);
    }

    public static TheoryData<string, Action<JsonObject>> CorruptManifests() => new()
    {
        { "size not a number", m => m["files"]!["model.bin"]!["size"] = "abc" },
        { "epochs_done not a number", m => m["epochs_done"] = "three" },
        { "negative epochs_done", m => m["epochs_done"] = -5 },
        { "epochs_done beyond the run", m => m["epochs_done"] = 99 },
        { "model.bin not listed", m => m["files"]!.AsObject().Remove("model.bin") },
        { "optimiser state not listed", m => m["files"]!.AsObject().Remove("arch-optimizer.bin") },
        { "a path instead of a file name", m => m["files"]!["../config.json"] = new JsonObject { ["size"] = 1, ["sha256"] = new string('0', 64) } },
        { "hash not a string", m => m["files"]!["model.bin"]!["sha256"] = 12 },
        { "no strategy state", m => m["state"]!.AsObject().Remove("strategy") },
        { "strategy state of the wrong shape", m => m["state"]!["strategy"]!["alive"] = new JsonArray(1, 2) },
        { "files not an object", m => m["files"] = new JsonArray() },
        { "format unknown", m => m["format"] = 7 },
    };

    [Theory]
    [MemberData(nameof(CorruptManifests))]
    public void AnUnreadableManifestCountsAsACorruptCheckpoint(string what, Action<JsonObject> corrupt)
    {
        var whole = In("whole");
        Run(Tiny(), whole);
        var dir = In("corrupt");
        var stop = new StopAt(phase: "ablation", epoch: 3);  // after three finished epochs: checkpoints epoch-0002 and epoch-0003
        Assert.Throws<OperationCanceledException>(() => Run(Tiny(), dir, stop, stop.Token));
        var newest = Checkpoints.List(Path.Combine(dir, "checkpoints"))[0];
        Assert.EndsWith("epoch-0003", newest);
        var manifestPath = Path.Combine(newest, "state.json");
        var manifest = JsonNode.Parse(File.ReadAllText(manifestPath))!.AsObject();
        corrupt(manifest);
        File.WriteAllText(manifestPath, manifest.ToJsonString());

        var notes = new List<string>();
        Run(Tiny(), dir, new StopAt(notes: notes));
        Assert.True(notes.Any(n => n.Contains($"checkpoint {newest} is unusable")), $"{what}: {string.Join(" | ", notes)}");
        Assert.Contains(notes, n => n.Contains("after epoch 2"));
        Assert.Equal(Metrics(whole), Metrics(dir));
    }

    [Fact]
    public void AStopBetweenTheAblationAndTheFirstStepCheckpointsTheEpochsDecision()
    {
        var whole = In("whole");
        Run(Tiny(), whole);
        var dir = In("stopped");
        var stop = new StopAt(phase: "search", epoch: 2);  // reported after the epoch's ablation and pruning
        Assert.Throws<OperationCanceledException>(() => Run(Tiny(), dir, stop, stop.Token));
        var newest = Checkpoints.List(Path.Combine(dir, "checkpoints"))[0];
        Assert.EndsWith("epoch-0002-step-00000", newest);
        Assert.Null(Checkpoints.Verify(newest, out var manifest));
        Assert.NotNull(manifest!.State.MidEpoch!.Decision.Kept);

        var notes = new List<string>();
        var phases = new List<string>();
        Run(Tiny(), dir, new StopAt(notes: notes, phases: phases));
        Assert.Contains(notes, n => n.Contains("in epoch 3 after step 0"));
        Assert.DoesNotContain("ablation 2", phases);  // the decision came from the checkpoint
        Assert.Equal(Metrics(whole), Metrics(dir));
    }

    [Fact]
    public void AStopDuringTheFirstAblationLeavesACheckpointToResumeFrom()
    {
        var config = Tiny(warmup: 0);  // the ablation opens epoch 1, before any epoch checkpoint exists
        var whole = In("whole");
        Run(config, whole);
        var dir = In("stopped");
        var stop = new StopAt(phase: "ablation", epoch: 0);
        Assert.Throws<OperationCanceledException>(() => Run(config, dir, stop, stop.Token));
        Assert.Equal([Path.Combine(dir, "checkpoints", "epoch-0000")], Checkpoints.List(Path.Combine(dir, "checkpoints")));

        var notes = new List<string>();
        Run(config, dir, new StopAt(notes: notes));
        Assert.Contains(notes, n => n.Contains("after epoch 0"));
        Assert.Equal(Metrics(whole), Metrics(dir));
    }

    /// <summary>Cancels when <paramref name="phase"/> of <paramref name="epoch"/> begins; records notes and phases.</summary>
    private sealed class StopAt(string? phase = null, int epoch = -1, List<string>? notes = null, List<string>? phases = null) : IRunProgress
    {
        private readonly CancellationTokenSource _source = new();
        public CancellationToken Token => _source.Token;

        public void Phase(string name, int e, int total)
        {
            phases?.Add($"{name} {e}");
            if (name == phase && e == epoch) _source.Cancel();
        }

        public void Step(StepProgress step) { }
        public void EpochDone(int e, string summary) { }
        public void Note(string message) => notes?.Add(message);
    }
}
