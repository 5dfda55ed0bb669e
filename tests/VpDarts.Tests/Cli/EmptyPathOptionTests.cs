namespace VpDarts.Tests.Cli;

/// <summary>
/// An empty string given for a path (<c>--out ""</c>, an empty <c>RUN_DIR</c>) is one line naming the option and exit
/// 2, before anything is written; it used to end in .NET's <c>ArgumentException … (Parameter 'path')</c> with exit 1,
/// after <c>--data-dir ""</c> had created a run folder.
/// </summary>
public sealed class EmptyPathOptionTests() : TempFolderTests("vpdarts-empty-path-")
{
    public static TheoryData<string, string[]> EmptyPaths => new()
    {
        { "--out: expects a folder path", ["search", "--preset", "tiny", "--out", ""] },
        { "--resume: expects a run folder path", ["search", "--resume", ""] },
        { "--data-dir: expects a folder path", ["search", "--preset", "tiny", "--data-dir", ""] },
        { "--config: expects a file path", ["search", "--preset", "tiny", "--config", ""] },
        { "--table: expects a file path", ["search", "--preset", "tiny", "--table", ""] },
        { "--train-config: expects a file path", ["search", "--preset", "tiny", "--then-train", "--train-config", ""] },
        { "--dataset: expects a folder path after 'folder:'", ["search", "--preset", "tiny", "--dataset", "folder:"] },
        { "--out: expects a folder path", ["train", "--preset", "tiny", "--arch", CliHarness.AllSkip, "--out", ""] },
        { "--config: expects a file path", ["train", "--config", ""] },
        { "--data-dir: expects a folder path", ["demo", "--data-dir", ""] },
        { "--out: expects a folder path", ["experiment", "table1", "--preset", "tiny", "--table", Shared.Nb201Table, "--out", ""] },
        { "--table: expects a file path", ["bench", "stats", "--table", ""] },
        { "<RUN_DIR>: expects a run folder path", ["report", ""] },
        { "<RUN_DIR>: expects a run folder path", ["export", "", "--onnx"] },
        { "--out: expects a file path", ["export", "run", "--onnx", "--out", ""] },
        { "<DIR>: expects a folder path", ["experiment", "collect", ""] },
        { "--model: expects a folder path", ["predict", "--model", "", "a.png"] },
        { "<IMAGES>: expects image file paths", ["predict", "--model", "m", ""] },
        { "--run: expects a run folder path", ["importance-compare", "--run", ""] },
    };

    [Theory]
    [MemberData(nameof(EmptyPaths))]
    public void AnEmptyPathIsOneLineNamingTheOptionAndExit2(string expected, string[] args)
    {
        var work = In("work");
        Directory.CreateDirectory(work);
        var (host, cli) = ChildProcess.BuiltCli();
        var (code, stdout, stderr) = ChildProcess.Run(host, [cli, .. args], TimeSpan.FromMinutes(5), [], work);

        Assert.True(code == 2, $"exit {code}\n{stdout}\n{stderr}");
        Assert.Equal($"error: {expected}, got an empty string", Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries)));
        Assert.Empty(Directory.EnumerateFileSystemEntries(work));  // no run folder (runs/…), nothing else
    }

    [Fact]
    public void AnEmptyDataDirInASettingsFileIsOneLineAndNoRunFolder()
    {
        var config = In("config.json");
        File.WriteAllText(config, """{"data_dir": ""}""");
        var result = CliHarness.Run("search", "--preset", "tiny", "--config", config, "--out", In("run"));

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Equal("error: data_dir: expects a folder path, got an empty string", Assert.Single(result.ErrLines));
        Assert.False(Directory.Exists(In("run")));
    }
}
