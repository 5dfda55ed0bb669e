using System.Text.Json.Nodes;
using VpDarts.Tests.Cli;

namespace VpDarts.Tests.Reliability;

/// <summary>
/// A new run never writes into a folder that holds anything: a finished or interrupted run is continued only by
/// <c>--resume</c> (with its own settings) or replaced by an explicit <c>--force</c>, and a folder of other files
/// is refused even then. Failures before the run starts leave no folder behind.
/// </summary>
public sealed class RunFolderTests() : TempFolderTests("vpdarts-run-folder-")
{
    private static CliResult Tiny(string outDir, params string[] options) =>
        CliHarness.Run(["search", "--preset", "tiny", "--epochs", "2", "--out", outDir, .. options]);

    /// <summary>Every file below <paramref name="dir"/> with its bytes, to show nothing changed.</summary>
    private static Dictionary<string, byte[]> Snapshot(string dir) =>
        Directory.GetFiles(dir, "*", SearchOption.AllDirectories).ToDictionary(p => Path.GetRelativePath(dir, p), File.ReadAllBytes);

    private static void AssertUnchanged(Dictionary<string, byte[]> before, string dir)
    {
        var after = Snapshot(dir);
        Assert.Equal(before.Keys.Order(StringComparer.Ordinal), after.Keys.Order(StringComparer.Ordinal));
        foreach (var (file, bytes) in before) Assert.True(bytes.AsSpan().SequenceEqual(after[file]), $"{file} changed");
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
}
