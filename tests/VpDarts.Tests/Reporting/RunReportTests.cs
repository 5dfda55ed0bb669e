using System.Globalization;
using System.Text.Json.Nodes;
using SkiaSharp;

namespace VpDarts.Tests.Reporting;

[Collection(ReportingCollection.Name)]
public sealed class RunReportTests(ReportingRuns runs)
{
    /// <summary>Every figure and its pixel size.</summary>
    private static readonly (string File, int Width, int Height)[] Figures =
    [
        ("cell.png", 900, 450), ("alpha.png", 1200, 800), ("importance.png", 900, 600), ("importance-epoch.png", 900, 600),
        ("curves.png", 1200, 500), ("pruning.png", 900, 500),
    ];

    private static readonly string[] Sections =
        ["## Settings", "## NAS-Bench-201 scores", "## Timings", "## Figures", "## Per-epoch metrics"];

    private static string Arch(string run) => JsonNode.Parse(File.ReadAllText(Path.Combine(run, "result.json")))!["arch"]!.GetValue<string>();

    private static List<JsonObject> Metrics(string run) =>
        File.ReadAllLines(Path.Combine(run, "metrics.jsonl")).Select(l => JsonNode.Parse(l)!.AsObject()).ToList();

    private static string[] EpochRows(string report) =>
        report.Split('\n').Where(l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^\| \d+ \| (warm-up|search) \|")).ToArray();

    [Fact]
    public void VpDarts_report_has_the_final_cell_every_section_and_every_figure()
    {
        var run = runs.Copy(runs.VpDarts);
        var output = RunReport.Write(run);

        Assert.True(output.Finished);
        Assert.Equal(Path.Combine(run, "report.md"), output.ReportPath);
        Assert.Empty(output.Skipped);
        var report = File.ReadAllText(output.ReportPath);
        var arch = Arch(run);
        Assert.Contains($"`{arch}`", report);
        Assert.Contains("## Final cell", report);
        Assert.DoesNotContain("has not finished", report);
        foreach (var section in Sections) Assert.Contains(section, report);
        Assert.Contains("| method | vp-darts |", report);
        Assert.Contains("| warm-up epochs | 1 |", report);

        var cell = Genotype.Parse(arch);
        for (var e = 0; e < CellTopology.EdgeCount; e++)
            Assert.Contains($"| {CellTopology.EdgeLabel(e)} | {CellTopology.Edges[e].From} | {CellTopology.Edges[e].To} | {cell[e].Name()} |", report);

        Assert.Equal(Figures.Select(f => Path.Combine(run, "figures", f.File)), output.Figures);
        foreach (var (file, width, height) in Figures)
        {
            Assert.Contains($"](figures/{file})", report);
            Png.AssertFigure(Path.Combine(run, "figures", file), width, height);
            // The SVG twin: well-formed XML whose root is an <svg> of the PNG's size.
            var svg = System.Xml.Linq.XDocument.Load(Path.Combine(run, "figures", Path.ChangeExtension(file, ".svg"))).Root!;
            Assert.Equal("svg", svg.Name.LocalName);
            Assert.Equal(width.ToString(CultureInfo.InvariantCulture), svg.Attribute("width")?.Value);
            Assert.Equal(height.ToString(CultureInfo.InvariantCulture), svg.Attribute("height")?.Value);
        }
        Assert.Contains("also in `figures/` as SVG", report);
        Assert.Empty(Directory.GetFiles(Path.Combine(run, "figures"), "*.tmp"));
        Assert.Empty(Directory.GetFiles(Path.Combine(run, "figures"), ".*"));
    }

    [Fact]
    public void Per_epoch_table_has_a_row_per_epoch_with_its_arch_and_nb201_score()
    {
        var run = runs.Copy(runs.VpDarts);
        var report = File.ReadAllText(RunReport.Write(run).ReportPath);

        var metrics = Metrics(run);
        var rows = EpochRows(report);
        Assert.Equal(ReportingRuns.VpEpochs, rows.Length);
        for (var i = 0; i < rows.Length; i++)
        {
            var m = metrics[i];
            Assert.StartsWith($"| {i + 1} | {(i < ReportingRuns.VpWarmup ? "warm-up" : "search")} |", rows[i]);
            if (m["arch"] is null)
            {
                Assert.True(i < ReportingRuns.VpWarmup, "only warm-up epochs have no cell yet");
                continue;
            }
            Assert.Contains(m["arch"]!.GetValue<string>().Replace("|", "\\|", StringComparison.Ordinal), rows[i]);
            var c10 = m["nb201"]!["cifar10_test"]!.GetValue<double>().ToString("F2", CultureInfo.InvariantCulture);
            Assert.EndsWith($"| {c10} |", rows[i]);
        }
    }

    [Fact]
    public void Nb201_section_uses_the_runs_scores_and_adds_percentile_and_rank_from_the_table()
    {
        var run = runs.Copy(runs.VpDarts);
        var cell = Genotype.Parse(Arch(run));
        var scores = runs.Table.Get(cell);

        var plain = File.ReadAllText(RunReport.Write(run).ReportPath);
        Assert.Contains($"| CIFAR-10 | {scores.Cifar10.ToString("F2", CultureInfo.InvariantCulture)} | — | — |", plain);

        var ranked = File.ReadAllText(RunReport.Write(run, runs.Table).ReportPath);
        var percentile = runs.Table.Percentile(cell, Nb201Dataset.Cifar10).ToString("F2", CultureInfo.InvariantCulture);
        var rank = runs.Table.Rank(cell, Nb201Dataset.Cifar10);
        Assert.Contains($"| CIFAR-10 | {scores.Cifar10.ToString("F2", CultureInfo.InvariantCulture)} | {percentile} | {rank} of {runs.Table.Count} |", ranked);
    }

    [Fact]
    public void Darts_report_says_why_there_is_no_importance_figure_and_removes_a_stale_one()
    {
        var run = runs.Copy(runs.Darts);
        Directory.CreateDirectory(Path.Combine(run, "figures"));
        File.WriteAllText(Path.Combine(run, "figures", "importance.png"), "left over from an earlier report");

        var output = RunReport.Write(run);

        Assert.Equal(["importance.png: result.json has no final importance (darts does not measure it)",
            "importance-epoch.png: no epoch measured operation importance (darts does not measure it)"], output.Skipped);
        Assert.False(File.Exists(Path.Combine(run, "figures", "importance.png")));
        var report = File.ReadAllText(output.ReportPath);
        Assert.Contains("Not drawn: no epoch measured operation importance", report);
        Assert.DoesNotContain("](figures/importance.png)", report);
        Assert.DoesNotContain("](figures/importance-epoch.png)", report);
        Assert.Contains($"`{Arch(run)}`", report);
        Assert.Contains("Not scored", report);
        Assert.Equal(DartsEpochRows, EpochRows(report).Length);
        foreach (var (file, width, height) in Figures.Where(f => !f.File.StartsWith("importance", StringComparison.Ordinal)))
            Png.AssertFigure(Path.Combine(run, "figures", file), width, height);
    }

    private const int DartsEpochRows = ReportingRuns.DartsEpochs;

    [Fact]
    public void Without_epoch_importance_the_final_selections_importance_is_drawn()
    {
        var run = runs.Copy(runs.Darts);
        var resultPath = Path.Combine(run, "result.json");
        var result = JsonNode.Parse(File.ReadAllText(resultPath))!.AsObject();
        Assert.Null(result["final_importance"]);
        result["final_importance_criterion"] = "valid-loss";
        result["final_importance"] = new JsonArray(Enumerable.Range(0, 6)
            .Select(e => (JsonNode)new JsonArray(Enumerable.Range(0, 5).Select(o => (JsonNode?)(o == 4 ? null : 1.0 + e + o / 10.0)).ToArray()))
            .ToArray());
        File.WriteAllText(resultPath, result.ToJsonString());

        var output = RunReport.Write(run);

        Assert.StartsWith("importance-epoch.png: no epoch measured", Assert.Single(output.Skipped));
        Png.AssertFigure(Path.Combine(run, "figures", "importance.png"), 900, 600);
        var report = File.ReadAllText(output.ReportPath);
        Assert.Contains("](figures/importance.png)", report);
        Assert.Contains("Values: valid loss with the op removed; higher = more important.", report);
    }

    [Fact]
    public void Darts_report_with_a_table_scores_the_cell_and_every_epoch()
    {
        var run = runs.Copy(runs.Darts);
        var report = File.ReadAllText(RunReport.Write(run, runs.Table).ReportPath);

        var cell = Genotype.Parse(Arch(run));
        Assert.Contains($"| CIFAR-10 | {runs.Table.Get(cell).Cifar10.ToString("F2", CultureInfo.InvariantCulture)} |", report);
        Assert.Contains($"table `{runs.Table.Source}`", report);
        var rows = EpochRows(report);
        var metrics = Metrics(run);
        for (var i = 0; i < rows.Length; i++)
        {
            var c10 = runs.Table.Get(Genotype.Parse(metrics[i]["arch"]!.GetValue<string>())).Cifar10;
            Assert.EndsWith($"| {c10.ToString("F2", CultureInfo.InvariantCulture)} |", rows[i]);
        }
    }

    [Fact]
    public void Unfinished_run_is_reported_from_its_epochs_so_far()
    {
        var run = runs.Copy(runs.VpDarts);
        File.Delete(Path.Combine(run, "result.json"));
        var metrics = Metrics(run);
        File.WriteAllLines(Path.Combine(run, "metrics.jsonl"), File.ReadAllLines(Path.Combine(run, "metrics.jsonl")).Take(2));

        var output = RunReport.Write(run);

        Assert.False(output.Finished);
        var report = File.ReadAllText(output.ReportPath);
        Assert.Contains("The run has not finished", report);
        Assert.Contains($"2 epochs recorded so far of {ReportingRuns.VpEpochs} planned", report);
        Assert.Contains("## Current cell", report);
        Assert.DoesNotContain("## Final cell", report);
        Assert.Contains($"`{metrics[1]["arch"]!.GetValue<string>()}`", report);
        Assert.Equal(2, EpochRows(report).Length);
        Assert.Contains("| final selection | — | — |", report);
        // Epoch 2 is the first search epoch, so it measured importance: every figure but the final selection's is drawn.
        Assert.Equal(["importance.png: the run has not finished, so there is no final selection yet"], output.Skipped);
        foreach (var (file, width, height) in Figures.Where(f => f.File != "importance.png"))
            Png.AssertFigure(Path.Combine(run, "figures", file), width, height);
    }

    [Fact]
    public void Rewriting_a_report_gives_the_same_text()
    {
        var run = runs.Copy(runs.VpDarts);
        var first = File.ReadAllText(RunReport.Write(run).ReportPath);
        var second = File.ReadAllText(RunReport.Write(run).ReportPath);
        Assert.Equal(first, second);
    }

    [Fact]
    public void Every_alpha_panel_has_plotted_lines()
    {
        var run = runs.Copy(runs.VpDarts);
        RunReport.Write(run);
        using var bitmap = SKBitmap.Decode(Path.Combine(run, "figures", "alpha.png"));

        // Six panels in a 3 × 2 grid between a 44-pixel title band and a 44-pixel legend band.
        const int panelW = 400, panelH = (800 - 88) / 2;
        for (var edge = 0; edge < 6; edge++)
        {
            var (x, y) = (edge % 3 * panelW, 44 + edge / 3 * panelH);
            var coloured = Png.Count(bitmap, new SKRectI(x, y, x + panelW, y + panelH), Png.Colourful);
            Assert.True(coloured > 500, $"panel of edge {CellTopology.EdgeLabel(edge)} has only {coloured} coloured pixels");
        }
        var legend = Png.Count(bitmap, new SKRectI(0, 800 - 44, 1200, 800), Png.Colourful);
        Assert.True(legend > 200, $"legend band has only {legend} coloured pixels");
    }

    [Fact]
    public void Final_importance_figure_outlines_exactly_the_final_cells_ops()
    {
        var record = RunRecord.Load(runs.VpDarts);
        var figure = RunReport.FinalImportance(record)!;

        var cell = Genotype.Parse(Arch(runs.VpDarts));
        Assert.Equal(Enumerable.Range(0, CellTopology.EdgeCount).Select(e => new EdgeOp(e, (int)cell[e])), figure.Outlined);
        Assert.Empty(figure.Pruned);
        Assert.Equal(EdgeMatrix.ToArray(record.Result!.FinalImportance!), figure.Matrix);
        Assert.Contains("final selection", figure.Title);
    }

    [Fact]
    public void Epoch_importance_figure_keeps_its_own_epochs_marks_and_names_the_epoch()
    {
        var record = RunRecord.Load(runs.VpDarts);
        var figure = RunReport.EpochImportance(record)!;

        var epoch = record.Epochs.Last(m => m.Importance is not null);
        var kept = Genotype.Parse(epoch.Kept ?? epoch.Arch!);
        Assert.Equal(Enumerable.Range(0, CellTopology.EdgeCount).Select(e => new EdgeOp(e, (int)kept[e])), figure.Outlined);
        Assert.Equal(epoch.Pruned ?? [], figure.Pruned);
        Assert.NotEmpty(figure.Pruned);
        Assert.Equal($"Importance measured at the start of epoch {epoch.Number}", figure.Title);
        Assert.Equal(EdgeMatrix.ToArray(epoch.Importance!), figure.Matrix);
    }
}
