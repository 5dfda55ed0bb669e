using System.Globalization;
using System.Text.Json.Nodes;
using VpDarts.Tests.Data;
using static VpDarts.Tests.Experiments.ExperimentTestSupport;

namespace VpDarts.Tests.Experiments;

/// <summary>Every experiment end to end with the tiny preset (embedded data, seconds per search) through the command line.</summary>
public sealed class ExperimentEndToEndTests() : TempFolderTests("vpdarts-experiment-")
{
    private static string[] Tiny(string name, string dir, params string[] more) =>
        [name, "--preset", "tiny", "--seeds", "1", "--table", Table, "--out", dir, .. more];

    private static void AssertPng(string path) =>
        Assert.True(File.Exists(path) && new FileInfo(path).Length > 2000 && File.ReadAllBytes(path)[1..4].SequenceEqual("PNG"u8.ToArray()), path);

    [Fact]
    public void Table1ComparesBothKModesWithDartsAndSkipsFinishedSearchesWhenRunAgain()
    {
        var dir = In("t1");
        var result = Experiment(0, Tiny("table1", dir));
        Assert.Contains("3 searches", result.Out);
        Assert.Contains("searches run one at a time in this process, 1 torch thread each", result.Out);
        Assert.Contains("finished searches: 3 of 3", result.Out);
        Assert.Contains("Optimum (best table cell of each column): CIFAR-10 94.37, CIFAR-100 73.51, ImageNet16-120 47.31", result.Out);

        var md = File.ReadAllText(Path.Combine(dir, "experiment.md"));
        Assert.StartsWith("# Table 1: VP-DARTS on NAS-Bench-201\n", md);
        foreach (var row in new[] { "| VP-DARTS (fixed K) | 1 |", "| VP-DARTS (adjustable K) | 1 |", "| DARTS (1st order) | 1 |",
                                    "| Random cell (mean of all 15,625 table cells) | – | 87.06 ± 12.93 |" })
            Assert.Contains(row, md);
        var csv = File.ReadAllLines(Path.Combine(dir, "table1.csv"));
        Assert.Equal(["row", "vp-fixed", "vp-adjustable", "darts", "random-cell", "optimum"], csv.Select(l => l.Split(',')[0]));
        Assert.All(csv.Skip(1).Take(3), l => Assert.InRange(double.Parse(l.Split(',')[3], CultureInfo.InvariantCulture), 0, 100));
        Assert.Contains("| search (h) | CPU min / search | paper: CIFAR-10 test |", md);
        Assert.EndsWith(",search_hours_mean,search_cpu_minutes_mean", csv[0]);
        Assert.All(csv.Skip(1).Take(3), l => Assert.True(double.Parse(l.Split(',')[^1], CultureInfo.InvariantCulture) > 0, l));  // every search ran in one session
        Assert.All(csv.Skip(4), l => Assert.Equal("", l.Split(',')[^1]));  // the table's rows are no searches
        Assert.Equal(4, File.ReadAllLines(Path.Combine(dir, "runs.csv")).Length);
        AssertPng(Path.Combine(dir, "figures", "accuracy.png"));
        Assert.All(new[] { "vp-fixed-s0", "vp-adjustable-s0", "darts-s0" }, run => Assert.True(File.Exists(Path.Combine(dir, "runs", run, "result.json"))));

        var again = Experiment(0, Tiny("table1", dir));
        Assert.Contains("3 of 3 searches already finished: vp-fixed-s0, vp-adjustable-s0, darts-s0", again.Out);
        Assert.DoesNotContain("starting", again.Out);

        // Another experiment into the same folder is refused before the folder's table copy is replaced.
        var otherTable = In("other-nb201.csv");
        File.WriteAllLines(otherTable, File.ReadLines(Table).Take(3));
        var tableCopy = Path.Combine(dir, "nb201.csv");
        var copyLength = new FileInfo(tableCopy).Length;
        Assert.Contains("holds experiment 'table1', not 'table2'", Experiment(2, Tiny("table2", dir)[..^4].Concat(["--table", otherTable, "--out", dir]).ToArray()).Err);
        Assert.Equal(copyLength, new FileInfo(tableCopy).Length);
    }

    [Fact]
    public void Table2ComparesHardProgressiveAndSoftPruning()
    {
        var dir = In("t2");
        var arguments = Tiny("table2", dir);
        Experiment(0, arguments);
        var md = File.ReadAllText(Path.Combine(dir, "experiment.md"));
        foreach (var row in new[] { "| Hard pruning | 1 |", "| Progressive hard pruning | 1 |", "| Soft pruning (VP-DARTS, fixed K) | 1 |" })
            Assert.Contains(row, md);
        var config = JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "runs", "progressive-prune-s0", "config.json")))!;
        Assert.Equal("progressive-prune", config["method"]!.GetValue<string>());
        // A search run in this process records the experiment's command line, as given.
        Assert.Equal(["vpdarts", "experiment", .. arguments],
            config["provenance"]!["command_line"]!.AsArray().Select(a => a!.GetValue<string>()));
        AssertPng(Path.Combine(dir, "figures", "accuracy.png"));
    }

    [Fact]
    public void Table3RunsAsTwoChildProcessesAndAnInterruptedSearchResumes()
    {
        var dir = In("t3");
        var result = Experiment(0, Tiny("table3", dir, "--parallel", "2"));
        Assert.Contains("2 searches at a time as child processes, 1 torch thread each", result.Out);
        Assert.DoesNotContain("warning", result.Out);
        foreach (var run in new[] { "alpha-s0", "valid-accuracy-s0" })
        {
            var log = File.ReadAllText(Path.Combine(dir, "logs", run + ".log"));
            Assert.Contains($"search --config {dir}/configs/", log);
            Assert.True(File.Exists(Path.Combine(dir, "runs", run, "result.json")), log);
        }
        var md = File.ReadAllText(Path.Combine(dir, "experiment.md"));
        Assert.Contains("| α magnitude | 1 |", md);
        Assert.Contains("| Validation accuracy | 1 |", md);

        // A search whose result went missing resumes from its last checkpoint (only the final choice is left) and finds the same cell.
        var resultPath = Path.Combine(dir, "runs", "valid-accuracy-s0", "result.json");
        var arch = JsonNode.Parse(File.ReadAllText(resultPath))!["arch"]!.GetValue<string>();
        File.Delete(resultPath);
        var again = Experiment(0, Tiny("table3", dir));
        Assert.Contains("1 of 2 searches already finished: alpha-s0", again.Out);
        Assert.Contains("resuming valid-accuracy-s0", again.Out);
        Assert.Equal(arch, JsonNode.Parse(File.ReadAllText(resultPath))!["arch"]!.GetValue<string>());
    }

    [Fact]
    public void Fig5ReportsKendallTauPerEdgeForAlphaAndTheValidationAblation()
    {
        var dir = In("f5");
        var result = Experiment(0, Tiny("fig5", dir));
        Assert.Contains("hard-prune-s0 |α| (architecture weight): mean Kendall τ-b", result.Out);
        Assert.Contains("hard-prune-s0 validation accuracy without the op: mean Kendall τ-b", result.Out);
        var md = File.ReadAllText(Path.Combine(dir, "experiment.md"));
        Assert.Contains("## Which supernet, read when", md);
        Assert.Contains("| nor_conv_3x3 |", md);
        var rows = File.ReadAllLines(Path.Combine(dir, "fig5.csv")).Skip(1).Select(l => l.Split(',')).ToList();
        Assert.Equal(14, rows.Count);   // 2 readings × (6 edges + mean)
        Assert.All(rows, r => Assert.InRange(double.Parse(r[3], CultureInfo.InvariantCulture), -1, 1));
        Assert.Equal(31, File.ReadAllLines(Path.Combine(dir, "fig5-benchmark-ranking.csv")).Length);
        AssertPng(Path.Combine(dir, "figures", "kendall.png"));
    }

    [Fact]
    public void Fig8VariesTheValidationFraction()
    {
        var dir = In("f8");
        Experiment(0, Tiny("fig8", dir));
        var rows = File.ReadAllLines(Path.Combine(dir, "fig8.csv")).Skip(1).Select(l => l.Split(',')).ToList();
        Assert.Equal(["0.1", "0.25", "0.5", "0.75", "1"], rows.Select(r => r[0]));
        Assert.All(rows, r => Assert.Equal("1", r[1]));
        Assert.All(rows, r => Assert.True(double.Parse(r[4], CultureInfo.InvariantCulture) > 0));
        Assert.Contains("| 10% | 1 |", File.ReadAllText(Path.Combine(dir, "experiment.md")));
        AssertPng(Path.Combine(dir, "figures", "valid-fraction.png"));
    }

    [Theory]
    [InlineData("1")]
    [InlineData("2")]
    public void FailedSearchesAreReportedAndTheOthersStillRun(string parallel)
    {
        var dir = In("bad");
        var result = Experiment(1, Tiny("table3", dir, "--parallel", parallel, "--dataset", "folder:" + In("missing")));
        Assert.Contains("failed alpha-s0: ", result.Out);
        Assert.Contains("failed valid-accuracy-s0: ", result.Out);
        Assert.Contains("finished searches: 0 of 2", result.Out);
        var md = File.ReadAllText(Path.Combine(dir, "experiment.md"));
        Assert.Contains("Failed: alpha-s0 (", md);
        Assert.Contains("valid-accuracy-s0 (", md);
        Assert.DoesNotContain("Not started", md);
    }

    [Fact]
    public void BadOptionsFailBeforeAnythingIsWritten()
    {
        var dir = In("none");
        Assert.Contains("--preset", Experiment(2, "table1", "--preset", "huge", "--table", Table, "--out", dir).Err);
        Assert.Contains("--emit", Experiment(2, "table1", "--emit", "pbs", "--table", Table, "--out", dir).Err);
        Assert.Contains("--warmup", Experiment(2, Tiny("table2", dir, "--warmup", "9")).Err);
        Assert.False(Directory.Exists(dir));
    }
}
