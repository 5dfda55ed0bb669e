namespace VpDarts.Tests.Cli;

/// <summary>
/// The command line writes the same files and help under any locale: numbers in experiment summaries and CSV files
/// are written invariantly (<c>15,625</c>, never <c>15.625</c>) and help's headings are the tool's English, not
/// Spectre's translation (<c>OPTIONEN:</c>) of them.
/// </summary>
public sealed class LocaleTests() : TempFolderTests("vpdarts-locale-")
{
    private static readonly (string, string?)[] German = [("LANG", "de_DE.UTF-8"), ("LC_ALL", "de_DE.UTF-8"), ("TZ", "Pacific/Chatham")];

    [Fact]
    public void HelpHeadingsAreEnglishUnderAGermanLocale()
    {
        var (code, stdout, stderr) = Cli("search", "--help");
        Assert.True(code == 0, stderr);
        Assert.Contains("USAGE:", stdout);
        Assert.Contains("OPTIONS:", stdout);
    }

    [Fact]
    public void ExperimentSummariesWriteNumbersInvariantlyUnderAGermanLocale()
    {
        var dir = In("exp");
        var emit = Cli("experiment", "table1", "--preset", "tiny", "--seeds", "1", "--emit", "slurm", "--table", Shared.Nb201Table, "--out", dir);
        Assert.True(emit.Code == 0, emit.Stderr);
        var collect = Cli("experiment", "collect", dir);
        Assert.True(collect.Code == 0, collect.Stderr);

        Assert.Contains("mean of all 15,625 table cells", File.ReadAllText(Path.Combine(dir, "experiment.md")));
        var random = File.ReadAllLines(Path.Combine(dir, "table1.csv")).Single(l => l.StartsWith("random-cell,", StringComparison.Ordinal));
        Assert.Contains("\"Random cell (mean of all 15,625 table cells)\"", random);
        Assert.Matches(@"\)"",,\d+\.\d+,", random);  // the mean with a decimal point
    }

    private static (int Code, string Stdout, string Stderr) Cli(params string[] args)
    {
        var (host, cli) = ChildProcess.BuiltCli();
        return ChildProcess.Run(host, [cli, .. args], TimeSpan.FromMinutes(5), German);
    }
}
