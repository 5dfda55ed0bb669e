using VpDarts.Tests.Cli;

namespace VpDarts.Tests.Reporting;

/// <summary>Bad run folders give one-line errors naming the file (and line), from the library and from the command line.</summary>
[Collection(ReportingCollection.Name)]
public sealed class RunReportErrorTests(ReportingRuns runs)
{
    /// <summary>The error of <c>vpdarts report</c>: exit 2, nothing on stdout, one <c>error:</c> line.</summary>
    private static string CliError(params string[] args)
    {
        var result = CliHarness.Run(["report", .. args]);
        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Equal("", result.Out);
        var line = Assert.Single(result.ErrLines);
        Assert.StartsWith("error: ", line);
        return line;
    }

    private static UserInputException LibraryError(string run)
    {
        var e = Assert.Throws<UserInputException>(() => RunReport.Write(run));
        Assert.DoesNotContain('\n', e.Message);
        return e;
    }

    private string WithMetricsLines(params string[] extra)
    {
        var run = runs.Copy(runs.VpDarts);
        var metrics = Path.Combine(run, "metrics.jsonl");
        File.WriteAllLines(metrics, File.ReadAllLines(metrics).Take(2).Concat(extra));
        return run;
    }

    [Fact]
    public void Missing_folder_is_named()
    {
        var missing = Path.Combine(runs.Root, $"missing-{Guid.NewGuid():N}");
        Assert.Equal($"{missing}: run folder not found", LibraryError(missing).Message);
        Assert.Equal($"error: {missing}: run folder not found", CliError(missing));
        Assert.False(Directory.Exists(missing));
    }

    [Fact]
    public void Folder_without_metrics_names_the_metrics_file()
    {
        var run = runs.Copy(runs.VpDarts);
        File.Delete(Path.Combine(run, "metrics.jsonl"));
        var metrics = Path.Combine(run, "metrics.jsonl");
        Assert.StartsWith($"{metrics}: not found", LibraryError(run).Message);
        Assert.StartsWith($"error: {metrics}: not found", CliError(run));
        Assert.False(File.Exists(Path.Combine(run, "report.md")));
    }

    [Fact]
    public void Empty_metrics_file_says_no_epochs_yet()
    {
        var run = runs.Copy(runs.VpDarts);
        File.WriteAllText(Path.Combine(run, "metrics.jsonl"), "\n");
        Assert.Equal($"{Path.Combine(run, "metrics.jsonl")}: no epochs recorded yet", LibraryError(run).Message);
    }

    [Fact]
    public void Malformed_metrics_line_is_named_with_its_line_number()
    {
        var run = WithMetricsLines("{\"epoch\": 2, \"phase\": ");
        var where = $"{Path.Combine(run, "metrics.jsonl")}:3: not valid JSON";
        Assert.StartsWith(where, LibraryError(run).Message);
        Assert.StartsWith($"error: {where}", CliError(run));
    }

    [Fact]
    public void Line_numbers_count_blank_lines()
    {
        var run = WithMetricsLines("", "[1, 2]");
        Assert.StartsWith($"{Path.Combine(run, "metrics.jsonl")}:4: not a JSON object", LibraryError(run).Message);
    }

    [Theory]
    [InlineData("{\"phase\": \"search\"}", "'epoch' is missing")]
    [InlineData("{\"epoch\": 2, \"train_loss\": \"low\"}", "'train_loss' is not a number")]
    [InlineData("{\"epoch\": 2, \"alpha\": [[1, 2, 3, 4, 5]]}", "'alpha' is not a 6×5 matrix")]
    [InlineData("{\"epoch\": 2, \"pruned\": [[9, 0]]}", "'pruned' has an [edge, op] pair out of range")]
    public void Metrics_line_with_a_bad_value_names_line_and_key(string line, string problem)
    {
        var run = WithMetricsLines(line);
        Assert.Equal($"{Path.Combine(run, "metrics.jsonl")}:3: {problem}", LibraryError(run).Message.Split(" (")[0]);
        Assert.Contains($":3: {problem}", CliError(run));
    }

    [Fact]
    public void Malformed_result_names_the_result_file()
    {
        var run = runs.Copy(runs.VpDarts);
        var result = Path.Combine(run, "result.json");
        File.WriteAllText(result, "{\"arch\": ");
        Assert.StartsWith($"{result}: not valid JSON", LibraryError(run).Message);
        Assert.StartsWith($"error: {result}: not valid JSON", CliError(run));
    }

    [Fact]
    public void Malformed_config_names_the_config_file()
    {
        var run = runs.Copy(runs.VpDarts);
        var config = Path.Combine(run, "config.json");
        File.WriteAllText(config, "[]");
        Assert.StartsWith($"{config}: not a JSON object", LibraryError(run).Message);
    }

    [Fact]
    public void Missing_table_file_is_named()
    {
        var missing = Path.Combine(runs.Root, "no-such-table.csv");
        Assert.Equal($"error: {missing}: file not found", CliError(runs.Copy(runs.VpDarts), "--table", missing));
    }

    [Fact]
    public void Report_command_prints_the_report_path_and_notes()
    {
        var run = runs.Copy(runs.Darts);
        File.Delete(Path.Combine(run, "result.json"));
        var result = CliHarness.Succeeds("report", run);
        Assert.Equal("", result.Err);
        var lines = result.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(Path.Combine(run, "report.md"), lines[0]);
        Assert.True(File.Exists(lines[0]));
        Assert.Contains(lines, l => l.StartsWith("note: the run has not finished", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("note: not drawn: importance.png", StringComparison.Ordinal));
    }

    [Fact]
    public void Report_help_shows_an_example()
    {
        var result = CliHarness.Run("report", "--help");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("vpdarts report runs/", result.Out);
        Assert.Contains("--table", result.Out);
    }
}
