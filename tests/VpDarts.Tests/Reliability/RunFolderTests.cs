using System.Diagnostics;
using System.Text.Json.Nodes;
using VpDarts.Runs;
using VpDarts.Tests.Cli;

namespace VpDarts.Tests.Reliability;

/// <summary>
/// A new run never writes into a folder that holds anything: a finished or interrupted run is continued only by
/// <c>--resume</c> (with its own settings) or replaced by an explicit <c>--force</c>, and a folder of other files
/// is refused even then. Failures before the run starts leave no folder behind.
/// </summary>
public sealed class RunFolderTests() : TempFolderTests("vpdarts-run-folder-")
{
    private readonly List<string> _mounts = [];

    public override void Dispose()
    {
        foreach (var mount in _mounts) ChildProcess.ExitCode("umount", mount);
        base.Dispose();
    }

    private static CliResult Tiny(string outDir, params string[] options) =>
        CliHarness.Run(["search", "--preset", "tiny", "--epochs", "2", "--out", outDir, .. options]);

    /// <summary>
    /// Every file and folder below <paramref name="dir"/> with each file's bytes, to show nothing changed; the lock file
    /// only names the last process that held the folder, so it is left out.
    /// </summary>
    private static Dictionary<string, byte[]?> Snapshot(string dir) =>
        Directory.GetFileSystemEntries(dir, "*", SearchOption.AllDirectories).Where(p => Path.GetFileName(p) != RunLock.FileName)
            .ToDictionary(p => Path.GetRelativePath(dir, p), p => File.Exists(p) ? File.ReadAllBytes(p) : null);

    private static void AssertUnchanged(Dictionary<string, byte[]?> before, string dir)
    {
        var after = Snapshot(dir);
        Assert.Equal(before.Keys.Order(StringComparer.Ordinal), after.Keys.Order(StringComparer.Ordinal));
        foreach (var (entry, bytes) in before)
            Assert.True(bytes is null ? after[entry] is null : after[entry] is { } now && bytes.AsSpan().SequenceEqual(now), $"{entry} changed");
    }

    [Fact]
    public void ANewSearchRefusesAFolderThatHoldsARunAndLeavesItUntouched()
    {
        var run = In("finished");
        var first = Tiny(run);
        Assert.True(first.ExitCode == 0, first.ToString());
        var before = Snapshot(run);

        var again = Tiny(run, "--epochs", "3", "--seed", "5");
        Assert.Equal(2, again.ExitCode);
        Assert.Single(again.ErrLines);
        Assert.Contains($"--out {run}: already holds a run", again.Err);
        Assert.Contains($"vpdarts search --resume {run}", again.Err);
        Assert.Contains("--force", again.Err);
        AssertUnchanged(before, run);

        var same = Tiny(run);  // the same settings are no exception: continuing is what --resume is for
        Assert.Equal(2, same.ExitCode);
        AssertUnchanged(before, run);
    }

    [Fact]
    public void AFolderOfOtherFilesIsRefusedEvenWithForce()
    {
        var folder = In("mine");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "config.json"), "{ \"my\": \"own settings\" }\n");
        File.WriteAllText(Path.Combine(folder, "report.md"), "# my report\n");
        File.WriteAllText(Path.Combine(folder, "notes.txt"), "do not lose\n");
        var before = Snapshot(folder);

        foreach (var options in new[] { Array.Empty<string>(), ["--force"] })
        {
            var result = Tiny(folder, options);
            Assert.Equal(2, result.ExitCode);
            Assert.Single(result.ErrLines);
            Assert.Contains($"--out {folder}: the folder is not empty and holds no vpdarts run", result.Err);
            AssertUnchanged(before, folder);
        }

        var train = CliHarness.Run("train", "--preset", "demo", "--arch", CliHarness.AllSkip, "--out", folder, "--force");
        Assert.Equal(2, train.ExitCode);
        Assert.Contains("holds no vpdarts run", train.Err);
        AssertUnchanged(before, folder);
    }

    [Fact]
    public void ForceReplacesARunButNotFilesBesideIt()
    {
        var run = In("replaced");
        Assert.Equal(0, Tiny(run).ExitCode);

        File.WriteAllText(Path.Combine(run, "notes.txt"), "mine\n");
        var refused = Tiny(run, "--force", "--epochs", "3");
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("notes.txt", refused.Err);
        Assert.Equal(2, JsonNode.Parse(File.ReadAllText(Path.Combine(run, "config.json")))!["epochs"]!.GetValue<int>());
        File.Delete(Path.Combine(run, "notes.txt"));

        var replaced = Tiny(run, "--force", "--epochs", "3", "--seed", "5");
        Assert.True(replaced.ExitCode == 0, replaced.ToString());
        var config = JsonNode.Parse(File.ReadAllText(Path.Combine(run, "config.json")))!;
        Assert.Equal(3, config["epochs"]!.GetValue<int>());
        Assert.Equal(5, config["seed"]!.GetValue<int>());
        Assert.Equal(3, File.ReadAllLines(Path.Combine(run, "metrics.jsonl")).Length);
        Assert.DoesNotContain("resumed", replaced.Out);
    }

    [Fact]
    public void ResumeAndForceOrOutDoNotGoTogether()
    {
        var run = In("run");
        var both = CliHarness.Run("search", "--resume", run, "--force");
        Assert.Equal(2, both.ExitCode);
        Assert.Contains("--force", both.Err);
        var withOut = CliHarness.Run("train", "--resume", run, "--out", In("elsewhere"));
        Assert.Equal(2, withOut.ExitCode);
        Assert.Contains("--out", withOut.Err);
        var missing = CliHarness.Run("search", "--resume", run);
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains($"--resume {run}: no such folder", missing.Err);
        Assert.False(Directory.Exists(run));
    }

    [Fact]
    public void ADataErrorLeavesNoRunFolder()
    {
        var data = In("data");
        Directory.CreateDirectory(Path.Combine(data, "train", "cat"));
        Directory.CreateDirectory(Path.Combine(data, "train", "dog"));
        File.WriteAllBytes(Path.Combine(data, "train", "cat", "a.jpg"), [0xFF, 0xD8, 0xFF, 0x00, 0x13, 0x37]);  // not a JPEG
        File.WriteAllBytes(Path.Combine(data, "train", "dog", "b.jpg"), [0xFF, 0xD8, 0xFF, 0x00, 0x13, 0x37]);
        var run = In("never");
        var result = Tiny(run, "--dataset", $"folder:{data}", "--data-dir", In("cache"));
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(data, result.Err);
        Assert.False(Directory.Exists(run), "a run that never started leaves no folder");
    }

    [Fact]
    public void ForceThatCannotMoveAnEntryAsideLeavesTheOldRunWhole()
    {
        var run = In("run");
        Assert.Equal(0, Tiny(run).ExitCode);
        // A mount point cannot be renamed or removed, even by root: tensorboard/ stands for any entry that will not go.
        var tensorboard = Path.Combine(run, "tensorboard");
        Assert.True(ChildProcess.ExitCode("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", tensorboard) == 0, "mounting a tmpfs failed; this test needs root (CI runs as root)");
        _mounts.Add(tensorboard);
        File.WriteAllText(Path.Combine(tensorboard, "events.out.tfevents.1.host"), "events");
        var before = Snapshot(run);

        var replaced = Tiny(run, "--force", "--seed", "5");
        Assert.Equal(2, replaced.ExitCode);
        var line = Assert.Single(replaced.ErrLines);
        Assert.Contains($"--out {run}: --force could not move the old run aside (", line);
        Assert.EndsWith("the old run is unchanged", line);
        AssertUnchanged(before, run);
        Assert.False(Directory.Exists(Path.Combine(run, RunFolderContents.AsideFolder)));
        Assert.Equal(2, JsonNode.Parse(File.ReadAllText(Path.Combine(run, "config.json")))!["epochs"]!.GetValue<int>());
    }

    [Fact]
    public void AnotherToolsRunFolderIsRefusedEvenWithForceAndKeptWhole()
    {
        var folder = In("bert");
        Directory.CreateDirectory(Path.Combine(folder, "checkpoints", "step-100"));
        Directory.CreateDirectory(Path.Combine(folder, "tensorboard"));
        Directory.CreateDirectory(Path.Combine(folder, "model"));
        File.WriteAllText(Path.Combine(folder, "config.json"), "{\"model_type\":\"bert\"}\n");
        File.WriteAllBytes(Path.Combine(folder, "checkpoints", "step-100", "pytorch_model.bin"), [1, 2, 3]);
        File.WriteAllText(Path.Combine(folder, "tensorboard", "events.out.tfevents.1700000000.host"), "events");
        File.WriteAllText(Path.Combine(folder, "model", "tokenizer.json"), "{}");
        File.WriteAllText(Path.Combine(folder, "report.md"), "# fine-tuning notes\n");
        var before = Snapshot(folder);

        foreach (var options in new[] { Array.Empty<string>(), ["--force"] })
        {
            var result = Tiny(folder, options);
            Assert.Equal(2, result.ExitCode);
            var line = Assert.Single(result.ErrLines);
            Assert.Contains($"--out {folder}: the folder is not empty and holds no vpdarts run", line);
            AssertUnchanged(before, folder);
        }

        // vpdarts's marker beside another tool's files does not make them a run's either.
        File.WriteAllText(Path.Combine(folder, RunDirectory.MarkerFile), "vpdarts run folder\n");
        before = Snapshot(folder);
        var marked = Tiny(folder, "--force");
        Assert.Equal(2, marked.ExitCode);
        var refusal = Assert.Single(marked.ErrLines);
        Assert.Contains($"--out {folder}: --force replaces a run, but the folder also holds ", refusal);
        Assert.Contains("config.json (not a vpdarts config)", refusal);
        AssertUnchanged(before, folder);
    }

    [Fact]
    public void ForceRefusesFilesNoRunWritesInsideARunsOwnFolders()
    {
        var run = In("run");
        Assert.Equal(0, Tiny(run).ExitCode);
        Directory.CreateDirectory(Path.Combine(run, "checkpoints", "step-100"));
        File.WriteAllBytes(Path.Combine(run, "checkpoints", "step-100", "pytorch_model.bin"), [1, 2, 3]);
        Directory.CreateDirectory(Path.Combine(run, "model"));
        File.WriteAllBytes(Path.Combine(run, "model", "pytorch_model.bin"), [4, 5, 6]);
        var before = Snapshot(run);

        var refused = Tiny(run, "--force", "--seed", "5");
        Assert.Equal(2, refused.ExitCode);
        var line = Assert.Single(refused.ErrLines);
        Assert.Contains("--force replaces a run, but the folder also holds checkpoints/step-100, model/pytorch_model.bin", line);
        AssertUnchanged(before, run);
    }

    [Fact]
    public void AReplacementCutShortIsFinishedOrUndoneByTheNextCommand()
    {
        var run = In("run");
        Assert.Equal(0, Tiny(run).ExitCode);
        var before = Snapshot(run);

        // A process killed while it moved the old run aside (config.json goes first), after it had begun a new TensorBoard log.
        var aside = Path.Combine(run, RunFolderContents.AsideFolder);
        var manifest = Path.Combine(aside, RunFolderContents.AsideManifest);
        Directory.CreateDirectory(aside);
        File.WriteAllText(manifest, "config.json\nmetrics.jsonl\ncheckpoints\ntensorboard\n");  // written before anything is moved
        foreach (var name in new[] { "config.json", "metrics.jsonl", "checkpoints", "tensorboard" })
            Directory.Move(Path.Combine(run, name), Path.Combine(aside, name));
        Directory.CreateDirectory(Path.Combine(run, "tensorboard"));
        File.WriteAllText(Path.Combine(run, "tensorboard", "events.out.tfevents.2.host"), "new");

        var again = Tiny(run);  // any command on the folder puts the old run back first
        Assert.Equal(2, again.ExitCode);
        Assert.Contains("already holds a run", Assert.Single(again.ErrLines));
        AssertUnchanged(before, run);
        Assert.False(Directory.Exists(aside));

        // Killed after the new run wrote its config.json: the old run's moved-aside copy is what is left to delete.
        Directory.CreateDirectory(aside);
        File.WriteAllText(manifest, "metrics.jsonl\n");
        File.WriteAllText(Path.Combine(aside, "metrics.jsonl"), "old\n");
        var resumed = CliHarness.Run("search", "--resume", run);
        Assert.True(resumed.ExitCode == 0, resumed.ToString());
        Assert.False(Directory.Exists(aside));
        Assert.Equal(before[Path.Combine("checkpoints", "epoch-0002", "model.bin")], File.ReadAllBytes(Path.Combine(run, "checkpoints", "epoch-0002", "model.bin")));
    }

    [Fact]
    public void AResumeOfAFolderWithoutARunLeavesNoLockFileThere()
    {
        var folder = In("mine");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "notes.txt"), "hi\n");
        foreach (var command in new[] { "search", "train" })
        {
            var resumed = CliHarness.Run(command, "--resume", folder);
            Assert.Equal(2, resumed.ExitCode);
            Assert.Equal($"error: --resume {folder}: no config.json there, so nothing to resume", Assert.Single(resumed.ErrLines));
            Assert.Equal(["notes.txt"], Directory.GetFileSystemEntries(folder).Select(Path.GetFileName));
        }
    }

    [Fact]
    public void AReplacedRunsFolderThatVpdartsDidNotMakeIsNeverDeletedNorRestoredFrom()
    {
        var run = In("run");
        Assert.Equal(0, Tiny(run).ExitCode);
        var aside = Path.Combine(run, RunFolderContents.AsideFolder);
        Directory.CreateDirectory(aside);
        File.WriteAllText(Path.Combine(aside, "notes.txt"), "mine\n");
        File.WriteAllText(Path.Combine(aside, "config.json"), "{}\n");  // a name a run writes: still not restored from
        var before = Snapshot(run);

        var resumed = CliHarness.Run("search", "--resume", run);
        Assert.Equal(2, resumed.ExitCode);
        Assert.Contains($"{RunFolderContents.AsideFolder} that vpdarts did not make", Assert.Single(resumed.ErrLines));
        AssertUnchanged(before, run);

        var forced = Tiny(run, "--force");
        Assert.Equal(2, forced.ExitCode);
        Assert.Contains($"{RunFolderContents.AsideFolder} (not made by vpdarts)", Assert.Single(forced.ErrLines));
        AssertUnchanged(before, run);
    }
}
