namespace VpDarts.Tests.Cli;

/// <summary>Runs the built command line as a separate process: real exit codes, real stderr, real environment.</summary>
public class CliProcessTests
{
    [Fact]
    public void Query_exits_0_and_prints_the_accuracies()
    {
        var (code, stdout, stderr) = RunCli([], "bench", "query", CliHarness.AllSkip, "--table", Shared.Nb201Table);

        Assert.True(code == 0, stderr);
        Assert.Contains("CIFAR-10 54.30  CIFAR-100 15.61  ImageNet16-120 16.32", stdout);
        Assert.Contains("CIFAR-10 percentile ", stdout);
        Assert.Equal("", stderr);
    }

    [Fact]
    public void Bad_arch_exits_2_with_one_stderr_line()
    {
        var (code, stdout, stderr) = RunCli([], "bench", "query", "|skip_connect~0|", "--table", Shared.Nb201Table);

        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: <ARCH>: ", line);
    }

    [Fact]
    public void Table_comes_from_the_environment_when_not_given()
    {
        var (code, stdout, stderr) = RunCli([("VPDARTS_NB201_TABLE", Shared.Nb201Table)], "bench", "stats");

        Assert.True(code == 0, stderr);
        Assert.Contains("count 15625", stdout);
    }

    [Fact]
    public void A_tiny_search_logs_no_NNPACK_line_and_report_takes_the_table_from_the_environment()
    {
        var run = Directory.CreateTempSubdirectory("vpdarts-cli-report-").FullName;
        try
        {
            var search = RunCli([], "search", "--preset", "tiny", "--out", run);
            Assert.True(search.Code == 0, search.Stderr);
            // libtorch logs an NNPACK warning per convolution on CPUs NNPACK does not support, unless it is turned off.
            Assert.DoesNotContain("NNPACK", search.Stderr);

            var (code, stdout, stderr) = RunCli([], "report", run);
            Assert.True(code == 0, stderr);
            Assert.Equal("", stderr);  // the SVG figures leave no native warnings (dashed strokes the SVG backend cannot express)
            Assert.Contains("Not scored", File.ReadAllText(Path.Combine(run, "report.md")));

            (code, stdout, stderr) = RunCli([("VPDARTS_NB201_TABLE", Shared.Nb201Table)], "report", run);
            Assert.True(code == 0, stderr);
            Assert.Equal(Path.Combine(run, "report.md"), stdout.Split('\n')[0]);
            Assert.Contains($"table `{Shared.Nb201Table}`", File.ReadAllText(Path.Combine(run, "report.md")));
        }
        finally
        {
            Directory.Delete(run, true);
        }
    }

    [Fact]
    public void No_table_anywhere_exits_2_naming_the_option_and_the_variable()
    {
        var (code, _, stderr) = RunCli([("VPDARTS_NB201_TABLE", null)], "bench", "stats");

        Assert.Equal(2, code);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("--table", line);
        Assert.Contains("VPDARTS_NB201_TABLE", line);
    }

    [Fact]
    public void Debug_variable_adds_the_stack_trace()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"vpdarts-missing-{Guid.NewGuid():N}.csv");
        var (code, _, stderr) = RunCli([("VPDARTS_DEBUG", "1")], "bench", "stats", "--table", missing);

        Assert.Equal(2, code);
        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal($"error: {missing}: file not found", lines[0]);
        Assert.Contains(lines, l => l.Contains("Nb201TableException", StringComparison.Ordinal));
        Assert.True(lines.Length > 2, stderr);
    }

    private static (int Code, string Stdout, string Stderr) RunCli((string Name, string? Value)[] environment, params string[] args)
    {
        var (host, cli) = ChildProcess.BuiltCli();
        return ChildProcess.Run(host, [cli, .. args], TimeSpan.FromMinutes(10), environment);
    }
}
