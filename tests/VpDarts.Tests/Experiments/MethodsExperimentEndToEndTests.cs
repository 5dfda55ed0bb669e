using System.Globalization;
using System.Text.Json.Nodes;
using static VpDarts.Tests.Experiments.ExperimentTestSupport;

namespace VpDarts.Tests.Experiments;

/// <summary><c>experiment methods</c> end to end with the tiny preset: every search method on one footing.</summary>
public sealed class MethodsExperimentEndToEndTests() : TempFolderTests("vpdarts-methods-")
{
    [Fact]
    public void Every_method_gets_a_row_with_its_accuracy_search_time_and_cpu_minutes()
    {
        var dir = In("methods");
        var result = Experiment(0, "methods", "--preset", "tiny", "--seeds", "1", "--table", Table, "--out", dir);
        Assert.Contains("finished searches: 6 of 6", result.Out);

        var md = File.ReadAllText(Path.Combine(dir, "experiment.md"));
        Assert.StartsWith("# Search methods on one footing\n", md);
        Assert.Contains("| method | runs | CIFAR-10 test | CIFAR-100 test | ImageNet16-120 test | search (h) | CPU min / search | paper: CIFAR-10 test |", md);
        foreach (var label in new[] { "VP-DARTS (adjustable K)", "DARTS-V1 (1st order)", "DARTS-V2 (2nd order)", "GDAS", "DrNAS", "RSPS" })
            Assert.Contains($"| {label} | 1 |", md);

        var csv = File.ReadAllLines(Path.Combine(dir, "methods.csv"));
        Assert.Equal(["row", "vp-adjustable", "darts", "darts-v2", "gdas", "drnas", "rsps", "random-cell", "optimum"], csv.Select(l => l.Split(',')[0]));
        foreach (var line in csv.Skip(1).Take(6))
        {
            var cells = line.Split(',');
            Assert.InRange(double.Parse(cells[3], CultureInfo.InvariantCulture), 0, 100);
            Assert.True(double.Parse(cells[^1], CultureInfo.InvariantCulture) > 0, line);  // CPU minutes per search
        }

        foreach (var (run, method) in new[] { ("vp-adjustable-s0", "vp-darts"), ("darts-s0", "darts"), ("darts-v2-s0", "darts-v2"), ("gdas-s0", "gdas"), ("drnas-s0", "drnas"),
                     ("rsps-s0", "rsps") })
        {
            var config = JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "runs", run, "config.json")))!;
            Assert.Equal(method, config["method"]!.GetValue<string>());
            var searchResult = JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "runs", run, "result.json")))!;
            Assert.True(searchResult["cpu_seconds"]!.GetValue<double>() > 0, run);
        }
    }
}
