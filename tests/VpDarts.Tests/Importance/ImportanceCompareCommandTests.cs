using System.Text.Json.Nodes;
using VpDarts.Tests.Cli;

namespace VpDarts.Tests.Importance;

/// <summary><c>vpdarts importance-compare</c> end to end on a tiny demo run.</summary>
public sealed class ImportanceCompareCommandTests() : TempFolderTests("vpdarts-compare-")
{
    [Fact]
    public void ComparesTheEstimatorsOnEveryCheckpointOfARun()
    {
        var run = In("run");
        CliHarness.Succeeds([.. CliHarness.TinyDemo, "--layers", "1", "--train-limit", "100", "--valid-limit", "60", "--eval-batch-size", "10", "--out", run]);

        var json = In("compare.json");
        var result = CliHarness.Succeeds("importance-compare", "--run", run, "--draws", "2", "--race-min-batches", "1", "--json", json);
        var lines = result.Out.Split('\n');
        Assert.Equal(4, lines.Count(l => l.Contains(" draw ")));  // 2 checkpoints × 2 subsets
        Assert.Contains(lines, l => l.StartsWith("valid-accuracy ") && l.Contains("100.0%"));
        foreach (var name in new[] { "valid-accuracy-racing", "valid-accuracy-screening", "valid-accuracy-first-25%" })
            Assert.Contains(lines, l => l.StartsWith(name + " ") && l.Contains("/24 ("));
        Assert.Contains(lines, l => l.StartsWith("exact on another subset of the same checkpoint keeps the same op on ") && l.Contains("/12 edges"));

        var written = JsonNode.Parse(File.ReadAllText(json))!;
        var draws = written["draws"]!.AsArray();
        Assert.Equal(4, draws.Count);
        Assert.All(draws, d =>
        {
            Assert.Equal(30, d!["subset_images"]!.GetValue<long>());  // half of 60 search-valid images
            Assert.Equal(3, d["batches"]!.GetValue<int>());
            var estimators = d["estimators"]!.AsArray();
            Assert.Equal(750, estimators[0]!["images"]!.GetValue<long>());  // 25 passes over 30 images
            Assert.Equal(6, estimators[1]!["race_batches"]!.AsArray().Count);
            Assert.Equal(6, estimators[2]!["estimate"]!.AsArray().Count);
        });
    }

    [Fact]
    public void AJsonFileThatExistsIsRefusedBeforeAnythingIsMeasuredAndKeepsItsBytes()
    {
        var run = In("run");
        CliHarness.Succeeds([.. CliHarness.TinyDemo, "--layers", "1", "--train-limit", "100", "--valid-limit", "60", "--out", run]);
        foreach (var target in new[] { Path.Combine(run, "config.json"), Path.Combine(run, "metrics.jsonl") })
        {
            var before = File.ReadAllBytes(target);
            var result = CliHarness.Run("importance-compare", "--run", run, "--draws", "1", "--json", target);
            Assert.Equal(2, result.ExitCode);
            Assert.Equal($"error: --json: {target} exists; importance-compare writes a new file only, so choose another name", Assert.Single(result.ErrLines));
            Assert.DoesNotContain(" draw ", result.Out);
            Assert.Equal(before, File.ReadAllBytes(target));
        }
    }

    [Fact]
    public void MissingRunFolderIsAnError()
    {
        var result = CliHarness.Run("importance-compare", "--run", In("nowhere"));
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("config.json not found", result.Err);
    }
}
