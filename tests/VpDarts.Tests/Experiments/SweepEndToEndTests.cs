using System.Globalization;
using static VpDarts.Tests.Experiments.ExperimentTestSupport;

namespace VpDarts.Tests.Experiments;

/// <summary>A sweep end to end with the tiny preset (embedded data, seconds per search) through the command line.</summary>
public sealed class SweepEndToEndTests() : TempFolderTests("vpdarts-sweep-run-")
{
    [Fact]
    public void ASweepRunsEveryVariantSummarisesThemAndIsCollectedAndContinuedLikeAnyExperiment()
    {
        var dir = In("sweep");
        // Two epochs (one of pruning) on 40 + 40 images: the cheapest search that still prunes.
        string[] command = ["sweep", "--grid", "k=fixed,adjustable", "--preset", "tiny", "--seeds", "1", "--epochs", "2", "--train-limit", "40",
                            "--valid-limit", "40", "--table", Table, "--out", dir];
        var result = Experiment(0, command);
        Assert.Contains("vpdarts experiment sweep: Sweep over k; preset tiny, 1 seed, 2 searches", result.Out);
        Assert.Contains("finished searches: 2 of 2", result.Out);
        Assert.All(new[] { "k=fixed-s0", "k=adjustable-s0" }, run => Assert.True(File.Exists(Path.Combine(dir, "runs", run, "result.json")), run));
        Assert.Equal([KMode.Fixed, KMode.Adjustable],
            new[] { "k=fixed-s0", "k=adjustable-s0" }.Select(run => SettingsFile<SearchConfig>.Load(Path.Combine(dir, "runs", run, "config.json")).K));

        var md = File.ReadAllText(Path.Combine(dir, "experiment.md"));
        Assert.StartsWith("# Sweep over k\n", md);
        Assert.Contains("| k=fixed | 1 |", md);
        Assert.Contains("| k=adjustable | 1 |", md);
        var csv = File.ReadAllLines(Path.Combine(dir, "sweep.csv"));
        Assert.Equal(["row", "k=fixed", "k=adjustable", "random-cell", "optimum"], csv.Select(l => l.Split(',')[0]));
        Assert.All(csv.Skip(1).Take(2), l => Assert.InRange(double.Parse(l.Split(',')[3], CultureInfo.InvariantCulture), 0, 100));
        Assert.Equal(["k", "\"fixed\"", "\"adjustable\"", "", ""], csv.Select(l => l.Split(',')[^1]));   // the swept key's column
        Assert.Equal(3, File.ReadAllLines(Path.Combine(dir, "runs.csv")).Length);
        Assert.True(new FileInfo(Path.Combine(dir, "figures", "accuracy.png")).Length > 2000);

        File.Delete(Path.Combine(dir, "experiment.md"));
        var collected = Experiment(0, "collect", dir);
        Assert.Contains("finished searches: 2 of 2", collected.Out);
        Assert.Contains("| k=adjustable | 1 |", File.ReadAllText(Path.Combine(dir, "experiment.md")));

        var again = Experiment(0, command);
        Assert.Contains("2 of 2 searches already finished: k=fixed-s0, k=adjustable-s0", again.Out);
        Assert.DoesNotContain("starting", again.Out);
    }
}
