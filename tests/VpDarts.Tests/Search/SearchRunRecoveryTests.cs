using System.Text.Json.Nodes;
using static VpDarts.Tests.Support.TinySearch;

namespace VpDarts.Tests.Search;

/// <summary>
/// What a search folder may continue from: only its own settings, only checkpoints whose every recorded part reads
/// back, and a stop at any point (the ablation included) leaves a checkpoint to resume from exactly.
/// </summary>
public sealed class SearchRunRecoveryTests() : TempFolderTests("vpdarts-recovery-")
{
    [Fact]
    public void AFolderHoldingASearchContinuesOnlyUnderItsOwnSettings()
    {
        var dir = In("run");
        Run(Config(), dir);
        var config = File.ReadAllText(Path.Combine(dir, "config.json"));

        var other = Assert.Throws<UserInputException>(() => Run(Config() with { Epochs = 6, Seed = 5 }, dir));
        Assert.Contains("holds a search with other settings", other.Message);
        Assert.Contains("epochs: 4 → 6", other.Message);
        Assert.Contains("seed: 7 → 5", other.Message);
        Assert.Equal(config, File.ReadAllText(Path.Combine(dir, "config.json")));
        Assert.Equal(4, new RunDirectory(dir).ReadSearchMetrics().Count);

        // Threads change how fast, not what is searched.
        var again = Run(Config() with { Threads = 2 }, dir);
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
        Run(Config(), whole);
        var dir = In("corrupt");
        var stop = TestProgress.CancelAtPhase("ablation", 3);  // after three finished epochs: checkpoints epoch-0002 and epoch-0003
        Assert.Throws<OperationCanceledException>(() => Run(Config(), dir, stop, stop.Token));
        var newest = Checkpoints.List(Path.Combine(dir, "checkpoints"))[0];
        Assert.EndsWith("epoch-0003", newest);
        var manifestPath = Path.Combine(newest, "state.json");
        var manifest = JsonNode.Parse(File.ReadAllText(manifestPath))!.AsObject();
        corrupt(manifest);
        File.WriteAllText(manifestPath, manifest.ToJsonString());

        var progress = new TestProgress();
        Run(Config(), dir, progress);
        Assert.True(progress.Notes.Any(n => n.Contains($"checkpoint {newest} is unusable")), $"{what}: {string.Join(" | ", progress.Notes)}");
        Assert.Contains(progress.Notes, n => n.Contains("after epoch 2"));
        Assert.Equal(Metrics(whole), Metrics(dir));
    }

    [Fact]
    public void AStopBetweenTheAblationAndTheFirstStepCheckpointsTheEpochsDecision()
    {
        var whole = In("whole");
        Run(Config(), whole);
        var dir = In("stopped");
        var stop = TestProgress.CancelAtPhase("search", 2);  // reported after the epoch's ablation and pruning
        Assert.Throws<OperationCanceledException>(() => Run(Config(), dir, stop, stop.Token));
        var newest = Checkpoints.List(Path.Combine(dir, "checkpoints"))[0];
        Assert.EndsWith("epoch-0002-step-00000", newest);
        Assert.Null(Checkpoints.Verify(newest, out var manifest));
        Assert.NotNull(manifest!.State.MidEpoch!.Decision.Kept);

        var progress = new TestProgress();
        Run(Config(), dir, progress);
        Assert.Contains(progress.Notes, n => n.Contains("in epoch 3 after step 0"));
        Assert.DoesNotContain("ablation 2", progress.Phases);  // the decision came from the checkpoint
        Assert.Equal(Metrics(whole), Metrics(dir));
    }

    [Fact]
    public void AStopDuringTheFirstAblationLeavesACheckpointToResumeFrom()
    {
        var config = Config(warmup: 0);  // the ablation opens epoch 1, before any epoch checkpoint exists
        var whole = In("whole");
        Run(config, whole);
        var dir = In("stopped");
        var stop = TestProgress.CancelAtPhase("ablation", 0);
        Assert.Throws<OperationCanceledException>(() => Run(config, dir, stop, stop.Token));
        Assert.Equal([Path.Combine(dir, "checkpoints", "epoch-0000")], Checkpoints.List(Path.Combine(dir, "checkpoints")));

        var progress = new TestProgress();
        Run(config, dir, progress);
        Assert.Contains(progress.Notes, n => n.Contains("after epoch 0"));
        Assert.Equal(Metrics(whole), Metrics(dir));
    }
}
