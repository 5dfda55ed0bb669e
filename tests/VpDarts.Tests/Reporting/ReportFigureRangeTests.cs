using System.Text.Json.Nodes;
using VpDarts.Tests.Cli;

namespace VpDarts.Tests.Reporting;

/// <summary>Values a figure cannot be drawn from skip that figure with a note; the report is still written.</summary>
[Collection(ReportingCollection.Name)]
public sealed class ReportFigureRangeTests(ReportingRuns runs)
{
    [Fact]
    public void An_alpha_of_plus_or_minus_1e308_skips_the_alpha_figure_with_a_note_and_the_report_is_written()
    {
        var run = runs.Copy(runs.VpDarts);
        var metrics = Path.Combine(run, "metrics.jsonl");
        var lines = File.ReadAllLines(metrics).Where(l => l.Length > 0).Select(l => JsonNode.Parse(l)!.AsObject()).ToList();
        lines[2]["alpha"]![0] = new JsonArray(1e308, -1e308, 0, 0, 0);
        File.WriteAllLines(metrics, lines.Select(l => l.ToJsonString()));
        // The edit breaks the record's own hashes, which result.json would name; as a run of an earlier version, without
        // a run id, its record is not checked and the figures are what is tested.
        var configPath = Path.Combine(run, "config.json");
        var config = JsonNode.Parse(File.ReadAllText(configPath))!.AsObject();
        config["provenance"]!.AsObject().Remove("run_id");
        File.WriteAllText(configPath, config.ToJsonString());

        var cli = CliHarness.Run("report", run);
        Assert.True(cli.ExitCode == 0, cli.ToString());
        Assert.Contains("note: not drawn: alpha.png: values out of range", cli.Out.Split('\n'));
        Assert.Empty(cli.ErrLines);
        Assert.False(File.Exists(Path.Combine(run, "figures", "alpha.png")));
        Assert.True(File.Exists(Path.Combine(run, "figures", "cell.png")));
        Assert.Contains("values out of range", File.ReadAllText(Path.Combine(run, RunReport.ReportFile)));
        Assert.Empty(Directory.GetFiles(Path.Combine(run, "figures"), "*.tmp"));
    }
}
