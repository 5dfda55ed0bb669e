using System.Diagnostics;
using System.Text.Json.Nodes;
using VpDarts.Tests.Cli;
using VpDarts.Tests.Data;
using static VpDarts.Tests.Support.TinySearch;

namespace VpDarts.Tests.Reliability;

/// <summary>
/// A run's record is never silently mixed or restarted: a resume reads the data the run started on, wherever it is
/// started from; a checkpoint is used only when it agrees with config.json and metrics.jsonl; a record that
/// disagrees, or whose every checkpoint is unusable, is refused before anything is loaded or written.
/// </summary>
public sealed class RunRecordTests() : TempFolderTests("vpdarts-record-")
{
    /// <summary>
    /// Every file below <paramref name="dir"/> with its bytes, to show nothing changed; the lock file by its presence
    /// only, since a refused resume holds the folder while it checks the record and names itself in that file.
    /// </summary>
    private static Dictionary<string, byte[]> Snapshot(string dir) =>
        Directory.GetFiles(dir, "*", SearchOption.AllDirectories).ToDictionary(p => Path.GetRelativePath(dir, p),
            p => Path.GetFileName(p) == VpDarts.Runs.RunLock.FileName ? [] : File.ReadAllBytes(p));

    private static void AssertUnchanged(Dictionary<string, byte[]> before, string dir)
    {
        var after = Snapshot(dir);
        Assert.Equal(before.Keys.Order(StringComparer.Ordinal), after.Keys.Order(StringComparer.Ordinal));
        foreach (var (file, bytes) in before) Assert.True(bytes.AsSpan().SequenceEqual(after[file]), $"{file} changed");
    }

    /// <summary>A tiny search stopped after three of its four epochs: checkpoints epoch-0002 and epoch-0003, three metrics lines.</summary>
    private string Stopped(string name)
    {
        var dir = In(name);
        var stop = TestProgress.CancelAfterEpochs(3);
        Assert.Throws<OperationCanceledException>(() => Run(Config(), dir, stop, stop.Token));
        Assert.Equal(["epoch-0003", "epoch-0002"], Checkpoints.List(Path.Combine(dir, "checkpoints")).Select(Path.GetFileName));
        return dir;
    }

    /// <summary>A finished two-epoch tiny search on the demo data through the command line, its result.json removed so a resume has work to do.</summary>
    private string UnfinishedCliSearch(string name)
    {
        var dir = In(name);
        CliHarness.Succeeds("search", "--preset", "tiny", "--dataset", "demo", "--epochs", "2", "--out", dir);
        File.Delete(Path.Combine(dir, "result.json"));
        return dir;
    }

    private static void EditManifest(string checkpoint, Action<JsonObject> edit)
    {
        var path = Path.Combine(checkpoint, "state.json");
        var manifest = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        edit(manifest);
        File.WriteAllText(path, manifest.ToJsonString());
    }

    private static void ImageFolder(string root, int seed)
    {
        foreach (var label in new[] { "cat", "dog" })
        {
            var folder = Path.Combine(root, "train", label);
            Directory.CreateDirectory(folder);
            for (var i = 0; i < 8; i++) File.WriteAllBytes(Path.Combine(folder, $"{i}.png"), PngBytes.Noise(8, seed * 100 + label.Length * 10 + i));
        }
    }

    private (int Code, string Stdout, string Stderr) Cli(string workingDirectory, params string[] args)
    {
        var (host, cli) = ChildProcess.BuiltCli();
        return ChildProcess.Run(host, [cli, .. args], TimeSpan.FromMinutes(10), [("XDG_CACHE_HOME", In("cache"))], workingDirectory);
    }

    [Fact]
    public void AResumeFromAnotherFolderReadsTheRunsOwnDataAndRefusesDataThatChanged()
    {
        // The run starts in start/ on start/small; other/small holds other images in the same layout.
        var start = In("start");
        var other = In("other");
        ImageFolder(Path.Combine(start, "small"), seed: 1);
        ImageFolder(Path.Combine(other, "small"), seed: 2);
        var first = Cli(start, "search", "--preset", "tiny", "--dataset", "folder:small", "--epochs", "2", "--out", "../out/rel");
        Assert.True(first.Code == 0, first.Stdout + first.Stderr);
        var run = In("out", "rel");
        Assert.Contains($"\"dataset\": \"folder:{Path.Combine(start, "small")}\"", File.ReadAllText(Path.Combine(run, "config.json")));
        File.Delete(Path.Combine(run, "result.json"));  // the last step left to do: the final selection

        var resumed = Cli(other, "search", "--resume", "../out/rel");
        Assert.True(resumed.Code == 0, resumed.Stdout + resumed.Stderr);
        Assert.Contains($"resumed from {Path.Combine(run, "checkpoints", "epoch-0002")} after epoch 2", resumed.Stdout);
        Assert.DoesNotContain("unusable", resumed.Stdout);

        // The run's own images changed since it started: refused before anything is written.
        File.WriteAllBytes(Path.Combine(start, "small", "train", "cat", "0.png"), PngBytes.Noise(8, 999));
        File.Delete(Path.Combine(run, "result.json"));
        var before = Snapshot(run);
        var changed = Cli(other, "search", "--resume", "../out/rel");
        Assert.Equal(2, changed.Code);
        var error = Assert.Single(changed.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"error: {run}: the data is not the data the run started on (other images or labels (SHA-256 ", error);
        Assert.DoesNotContain("resumed", changed.Stdout);
        AssertUnchanged(before, run);
    }

    [Fact]
    public void AnOlderRunsRelativeDatasetPathIsResolvedOnlyFromTheFolderItWasStartedIn()
    {
        var dir = In("old");
        Directory.CreateDirectory(dir);
        var run = new RunDirectory(dir);
        void Started(string outOption) => File.WriteAllText(run.ConfigPath,
            RunDirectory.ConfigText(Config() with { Dataset = "folder:data/pets" },
                RunProvenance.Capture(["search", "--out", outOption])));

        Started(Path.GetRelativePath(Environment.CurrentDirectory, dir));  // started from this working folder
        Assert.Equal($"folder:{Path.GetFullPath("data/pets")}", RunRecordCheck.DatasetFor(run, "folder:data/pets"));
        Assert.Equal("folder:/abs/pets", RunRecordCheck.DatasetFor(run, "folder:/abs/pets"));

        Started(dir);  // an absolute --out does not say where the run was started
        var refused = Assert.Throws<UserInputException>(() => RunRecordCheck.DatasetFor(run, "folder:data/pets"));
        Assert.StartsWith($"{dir}: config.json records the dataset as 'folder:data/pets', a path relative to the folder the run was started in", refused.Message);

        Started(Path.Combine("elsewhere", "old"));
        Assert.Throws<UserInputException>(() => RunRecordCheck.DatasetFor(run, "folder:data/pets"));
    }

    [Fact]
    public void AnEditedConfigIsRefusedAndTheRunIsLeftByteForByte()
    {
        var dir = In("run");
        CliHarness.Succeeds("search", "--preset", "tiny", "--dataset", "demo", "--epochs", "2", "--out", dir);
        var configPath = Path.Combine(dir, "config.json");
        var config = File.ReadAllText(configPath);
        Assert.Contains("\"channels\": 4,", config);
        File.WriteAllText(configPath, config.Replace("\"channels\": 4,", "\"channels\": 8,"));
        var before = Snapshot(dir);

        var resumed = CliHarness.Run("search", "--resume", dir);
        Assert.Equal(2, resumed.ExitCode);
        Assert.Equal([$"error: {dir}: config.json disagrees with checkpoint epoch-0002: channels: 4 → 8 (the checkpoint's value → config.json's); " +
                      "restore config.json or start a new run"], resumed.ErrLines);
        Assert.DoesNotContain("data:", resumed.Out);  // refused before the data is loaded
        AssertUnchanged(before, dir);
    }

    [Fact]
    public void ACheckpointOfAnEarlierVersionWhoseWeightsDoNotFitIsRefusedNotDiscarded()
    {
        var dir = Stopped("run");
        foreach (var checkpoint in Checkpoints.List(Path.Combine(dir, "checkpoints")))
            EditManifest(checkpoint, m => m.Remove("settings"));  // as written before checkpoints recorded their settings
        var configPath = Path.Combine(dir, "config.json");
        File.WriteAllText(configPath, File.ReadAllText(configPath).Replace("\"channels\": 4,", "\"channels\": 8,"));
        var before = Snapshot(dir);

        var refused = Assert.Throws<UserInputException>(() => Run(Config() with { Channels = 8 }, dir));
        Assert.StartsWith($"{dir}: checkpoint epoch-0003 does not fit the network that config.json describes (", refused.Message);
        AssertUnchanged(before, dir);
    }

    [Fact]
    public void AnEditedEpochCountInACheckpointIsRefused()
    {
        var dir = Stopped("run");
        EditManifest(Path.Combine(dir, "checkpoints", "epoch-0003"), m => m["epochs_done"] = 4);
        var before = Snapshot(dir);

        var refused = Assert.Throws<UserInputException>(() => Run(Config(), dir));
        Assert.Equal($"{dir}: checkpoint epoch-0003 records 4 epochs done in its state.json, its name 3 epochs done; " +
                     "the run's record disagrees with itself, so it is not continued", refused.Message);
        AssertUnchanged(before, dir);
    }

    [Fact]
    public void AMetricsFileMissingItsLastLineIsRefused()
    {
        var dir = Stopped("run");
        var metrics = Path.Combine(dir, "metrics.jsonl");
        File.WriteAllLines(metrics, File.ReadAllLines(metrics)[..2]);
        var before = Snapshot(dir);

        var refused = Assert.Throws<UserInputException>(() => Run(Config(), dir));
        Assert.Equal($"{dir}: metrics.jsonl holds epochs 1-2 but checkpoint epoch-0003 records 3 epochs done; " +
                     "the run's record disagrees with itself, so it is not continued", refused.Message);
        AssertUnchanged(before, dir);

        File.WriteAllLines(metrics, File.ReadAllLines(metrics).Reverse());  // every epoch, out of order
        Assert.Contains("metrics.jsonl line 1 records epoch 2, expected epoch 1", Assert.Throws<UserInputException>(() => Run(Config(), dir)).Message);
    }

    [Fact]
    public void AGarbageMetricsFileIsRefusedBeforeTheDataLoadsOrAnythingIsWritten()
    {
        var dir = UnfinishedCliSearch("run");
        File.WriteAllText(Path.Combine(dir, "metrics.jsonl"), "{\"epoch\": 0, \"phase\"\nnot json at all\n");
        var before = Snapshot(dir);

        var resumed = CliHarness.Run("search", "--resume", dir);
        Assert.Equal(2, resumed.ExitCode);
        Assert.Single(resumed.ErrLines);
        Assert.StartsWith($"error: {Path.Combine(dir, "metrics.jsonl")}:1: not valid JSON", resumed.ErrLines[0]);
        Assert.DoesNotContain("data:", resumed.Out);
        AssertUnchanged(before, dir);  // no new TensorBoard event file either
    }

    [Fact]
    public void ARecordOfFinishedEpochsWithNoUsableCheckpointIsRefusedNotStartedOver()
    {
        var dir = Stopped("run");
        foreach (var checkpoint in Checkpoints.List(Path.Combine(dir, "checkpoints")))
        {
            var model = Path.Combine(checkpoint, "model.bin");
            File.WriteAllBytes(model, File.ReadAllBytes(model)[..100]);
        }
        var before = Snapshot(dir);

        var refused = Assert.Throws<UserInputException>(() => Run(Config(), dir));
        var expected = ExpectedModelBytes(dir);
        Assert.Equal($"{dir}: no checkpoint can be continued from (epoch-0003: model.bin has 100 bytes, expected {expected}; " +
                     $"epoch-0002: model.bin has 100 bytes, expected {expected}); the run is not started over on top of its record: start a new run in another folder",
            refused.Message);
        AssertUnchanged(before, dir);

        // With every checkpoint gone, the metrics lines still record finished epochs.
        Directory.Delete(Path.Combine(dir, "checkpoints"), recursive: true);
        Assert.Contains("metrics.jsonl holds epochs 1-3 but checkpoints/ holds no checkpoint", Assert.Throws<UserInputException>(() => Run(Config(), dir)).Message);
    }

    private static long ExpectedModelBytes(string dir)
    {
        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "checkpoints", "epoch-0003", "state.json")))!;
        return manifest["files"]!["model.bin"]!["size"]!.GetValue<long>();
    }

    [Fact]
    public void AnUnusableCheckpointIsReportedOnce()
    {
        var dir = UnfinishedCliSearch("run");
        var model = Path.Combine(dir, "checkpoints", "epoch-0002", "model.bin");
        File.WriteAllBytes(model, File.ReadAllBytes(model)[..100]);

        var resumed = CliHarness.Run("search", "--resume", dir);
        Assert.True(resumed.ExitCode == 0, resumed.ToString());
        var warnings = (resumed.Out + resumed.Err).Split('\n').Where(l => l.Contains("is unusable", StringComparison.Ordinal)).ToList();
        Assert.Equal([$"checkpoint {Path.Combine(dir, "checkpoints", "epoch-0002")} is unusable (model.bin has 100 bytes, expected {new FileInfo(Path.Combine(dir, "checkpoints", "epoch-0001", "model.bin")).Length}); trying the previous one"],
            warnings);
        Assert.Contains("after epoch 1", resumed.Out);
    }

    [Fact]
    public void AFinishedRunResumedIsNotSearchedAgainAndNothingIsWritten()
    {
        var dir = In("run");
        var first = Run(Config(), dir);
        var before = Snapshot(dir);

        var progress = new TestProgress();
        var again = Run(Config(), dir, progress);
        Assert.Equal(first.Arch, again.Arch);
        Assert.Contains(progress.Notes, n => n.Contains("is finished (result.json); it is not searched again and its record is kept as it is"));
        Assert.Empty(progress.Phases);
        AssertUnchanged(before, dir);
    }

    [Fact]
    public void HalfWrittenCheckpointsOfExitedProcessesAreRemovedWhenTheRunResumes()
    {
        var dir = Stopped("run");
        int exited;
        using (var process = Process.Start(new ProcessStartInfo("true") { UseShellExecute = false })!)
        {
            process.WaitForExit();
            exited = process.Id;
        }
        var dead = Path.Combine(dir, "checkpoints", $".partial-epoch-0004-{exited}");
        var live = Path.Combine(dir, "checkpoints", ".partial-epoch-0004-1");  // process 1 always runs
        foreach (var partial in new[] { dead, live })
        {
            Directory.CreateDirectory(partial);
            File.WriteAllText(Path.Combine(partial, "model.bin"), "half");
        }

        Run(Config(), dir);
        Assert.False(Directory.Exists(dead));
        Assert.True(Directory.Exists(live));
        Assert.Equal(4, new RunDirectory(dir).ReadSearchMetrics().Count);
    }

    /// <summary>The run id that the config.json of the run in <paramref name="dir"/> records.</summary>
    private static string RunIdOf(string dir) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "config.json")))!["provenance"]?["run_id"]?.GetValue<string>()
        ?? throw new InvalidOperationException($"{dir}: no run id");

    [Fact]
    public void AMetricsFileOfAnotherRunIsRefusedButTheRunsOwnLinesWithOtherLineEndingsAreNot()
    {
        var dir = Stopped("run");
        var other = In("other");
        Run(Config() with { Seed = 3 }, other);
        var metrics = Path.Combine(dir, "metrics.jsonl");
        var own = File.ReadAllLines(metrics);
        File.WriteAllLines(metrics, File.ReadAllLines(Path.Combine(other, "metrics.jsonl"))[..3]);
        var before = Snapshot(dir);

        var refused = Assert.Throws<UserInputException>(() => Run(Config(), dir));
        Assert.Equal($"{dir}: metrics.jsonl's epochs 1-3 are not the lines checkpoint epoch-0003 recorded (their SHA-256 differs); " +
                     "the run's record disagrees with itself, so it is not continued", refused.Message);
        AssertUnchanged(before, dir);

        File.WriteAllText(metrics, "\uFEFF" + string.Concat(own.Select(l => l.Replace(",", ", ") + "\r\n")));
        Run(Config(), dir);
        Assert.Equal(4, new RunDirectory(dir).ReadSearchMetrics().Count);
    }

    [Fact]
    public void ACheckpointOfAnotherRunIsRefusedEvenWithItsSettingsAndRunIdRemoved()
    {
        var dir = Stopped("run");
        var other = In("other");
        Run(Config() with { Seed = 3, KeepCheckpoints = 0 }, other);
        var checkpoint = Path.Combine(dir, "checkpoints", "epoch-0003");
        Directory.Delete(checkpoint, true);
        CopyFolder(Path.Combine(other, "checkpoints", "epoch-0003"), checkpoint);
        EditManifest(checkpoint, m => m.Remove("settings"));  // as a checkpoint of an earlier version
        var before = Snapshot(dir);

        var refused = Assert.Throws<UserInputException>(() => Run(Config(), dir));
        Assert.Equal($"{dir}: checkpoint epoch-0003 records run id {RunIdOf(other)}, config.json run id {RunIdOf(dir)}; " +
                     "it is not this run's checkpoint, so the run is not continued from it", refused.Message);
        AssertUnchanged(before, dir);

        EditManifest(checkpoint, m => m.Remove("run_id"));
        before = Snapshot(dir);
        refused = Assert.Throws<UserInputException>(() => Run(Config(), dir));
        Assert.Equal($"{dir}: checkpoint epoch-0003 records no run id, config.json run id {RunIdOf(dir)}; " +
                     "it is not this run's checkpoint, so the run is not continued from it", refused.Message);
        AssertUnchanged(before, dir);
    }

    private static void CopyFolder(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from)) File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
    }

    [Fact]
    public void AResultThatDisagreesWithTheRunsConfigIsRefusedByResumeAndReport()
    {
        var dir = In("run");
        Run(Config(), dir);
        var resultPath = Path.Combine(dir, "result.json");
        var original = File.ReadAllText(resultPath);
        void Edit(Action<JsonObject> edit)
        {
            var result = JsonNode.Parse(original)!.AsObject();
            edit(result);
            File.WriteAllText(resultPath, result.ToJsonString());
        }

        Edit(r => r["dataset"] = "cifar10");
        var before = Snapshot(dir);
        var expected = $"{resultPath}: 'dataset' is \"cifar10\", config.json's \"random\"; it is not this run's result: remove it and resume the run to write it again";
        Assert.Equal(expected, Assert.Throws<UserInputException>(() => Run(Config(), dir)).Message);
        Assert.Equal(expected, Assert.Throws<UserInputException>(() => VpDarts.Reporting.RunRecord.Load(dir)).Message);
        AssertUnchanged(before, dir);

        Edit(r => r.Remove("run_id"));
        Assert.StartsWith($"{resultPath}: records no run id, config.json run id {RunIdOf(dir)}; it is not this run's result",
            Assert.Throws<UserInputException>(() => VpDarts.Reporting.RunRecord.Load(dir)).Message);

        Edit(r => r["search_seconds"] = 1);  // keys config.json does not have are checked through the metrics lines' SHA-256 only
        Assert.NotNull(VpDarts.Reporting.RunRecord.Load(dir).Result);
        var metrics = Path.Combine(dir, "metrics.jsonl");
        var lines = File.ReadAllLines(metrics);
        File.WriteAllLines(metrics, lines.Select(l => l.Replace(",", " , ")));  // spacing is not a change
        Assert.NotNull(VpDarts.Reporting.RunRecord.Load(dir).Result);
        var last = JsonNode.Parse(lines[^1])!.AsObject();
        last["note"] = "added";  // a key the reader ignores still makes the lines other ones
        File.WriteAllLines(metrics, [.. lines[..^1], last.ToJsonString()]);
        Assert.Equal($"{resultPath}: the metrics lines it records are not metrics.jsonl's (their SHA-256 differs); the run's record disagrees with itself",
            Assert.Throws<UserInputException>(() => VpDarts.Reporting.RunRecord.Load(dir)).Message);
    }

    [Fact]
    public void RecordedEpochsPastTheNewestCheckpointThatRunAgainAreNoted()
    {
        var dir = In("run");
        Run(Config() with { KeepCheckpoints = 0 }, dir);
        File.Delete(Path.Combine(dir, "result.json"));
        foreach (var name in new[] { "epoch-0003", "epoch-0004" }) Directory.Delete(Path.Combine(dir, "checkpoints", name), true);

        var progress = new TestProgress();
        Run(Config() with { KeepCheckpoints = 0 }, dir, progress);
        Assert.Contains("metrics.jsonl records epochs 3-4 past the newest usable checkpoint epoch-0002; they run again", progress.Notes);
        Assert.Equal(4, new RunDirectory(dir).ReadSearchMetrics().Count);
    }

    [Fact]
    public void AMetricsLineThatIsNotJsonIsNamedByLineAndColumn()
    {
        var dir = Stopped("run");
        var metrics = Path.Combine(dir, "metrics.jsonl");
        var lines = File.ReadAllLines(metrics);
        lines[1] = lines[1][..40];
        File.WriteAllLines(metrics, lines);

        var refused = Assert.Throws<UserInputException>(() => Run(Config(), dir));
        Assert.Matches($"^{System.Text.RegularExpressions.Regex.Escape(metrics)}:2: not valid JSON at column [0-9]+$", refused.Message);
    }

    [Fact]
    public void AFileNamedAsACheckpointIsRefusedBeforeTheDataLoads()
    {
        var dir = UnfinishedCliSearch("run");
        File.WriteAllText(Path.Combine(dir, "checkpoints", "epoch-0003"), "x");
        var before = Snapshot(dir);

        var resumed = CliHarness.Run("search", "--resume", dir);
        Assert.Equal(2, resumed.ExitCode);
        Assert.Equal([$"error: {dir}: checkpoints/epoch-0003 is named as a checkpoint but is not a folder; move it out of checkpoints/"], resumed.ErrLines);
        Assert.DoesNotContain("data:", resumed.Out);
        AssertUnchanged(before, dir);
    }

    [Theory]
    [InlineData("search")]
    [InlineData("train")]
    public void APresetWithResumeIsRefused(string command)
    {
        var dir = UnfinishedCliSearch("run");
        var before = Snapshot(dir);
        var resumed = CliHarness.Run(command, "--resume", dir, "--preset", "cpu");
        Assert.Equal(2, resumed.ExitCode);
        Assert.Equal(["error: --preset: not used with --resume; a run continues under its own settings"], resumed.ErrLines);
        AssertUnchanged(before, dir);
    }
    [Theory]
    [InlineData("config.json")]
    [InlineData("metrics.jsonl")]
    [InlineData("result.json")]
    public void ARecordFileThatIsANamedPipeOrAFolderIsRefusedInsteadOfBlocking(string file)
    {
        var dir = In("run");
        CliHarness.Succeeds("search", "--preset", "tiny", "--dataset", "demo", "--epochs", "2", "--out", dir);
        var path = Path.Combine(dir, file);
        foreach (var (kind, make) in new (string, Action)[] { ("a named pipe", () => Assert.Equal(0, ChildProcess.ExitCode("mkfifo", path))), ("a folder", () => Directory.CreateDirectory(path)) })
        {
            if (File.Exists(path)) File.Delete(path);
            else if (Directory.Exists(path)) Directory.Delete(path);
            make();
            // Every other file's bytes (reading the pipe here would block the test itself).
            Dictionary<string, byte[]> Others() => Directory.GetFiles(dir, "*", SearchOption.AllDirectories).Where(p => p != path)
                .ToDictionary(p => p, p => Path.GetFileName(p) == VpDarts.Runs.RunLock.FileName ? [] : File.ReadAllBytes(p));
            var before = Others();
            foreach (var command in new[] { new[] { "search", "--resume", dir }, ["report", dir] })
            {
                var (code, _, stderr) = Cli(Root, command);  // a child process: a read of the pipe would block it, not the tests
                Assert.Equal(2, code);
                var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
                Assert.EndsWith($"{file} is {kind}, not a regular file; a run's record is read from regular files only", line);
            }
            var after = Others();
            Assert.Equal(before.Keys.Order(), after.Keys.Order());
            Assert.All(before, entry => Assert.True(entry.Value.AsSpan().SequenceEqual(after[entry.Key]), $"{entry.Key} changed"));
        }
    }
    [Theory]
    [InlineData("checkpoints")]
    [InlineData("tensorboard")]
    public void ARunFolderWhoseCheckpointsOrTensorboardIsAFileIsRefusedBeforeAnEpochRuns(string entry)
    {
        var dir = UnfinishedCliSearch("run");
        var path = Path.Combine(dir, entry);
        Directory.Delete(path, recursive: true);
        File.WriteAllText(path, "x");
        var before = Snapshot(dir);
        var resumed = CliHarness.Run("search", "--resume", dir);
        Assert.Equal(2, resumed.ExitCode);
        Assert.EndsWith($"{entry} is a regular file, not the folder a run writes there", Assert.Single(resumed.ErrLines));
        AssertUnchanged(before, dir);
    }
}
