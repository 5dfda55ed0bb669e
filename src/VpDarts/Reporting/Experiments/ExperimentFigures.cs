using ScottPlot;
using SkiaSharp;
using VpDarts.Benchmark;
using VpDarts.Experiments;
using VpDarts.Reporting.Figures;
using VpDarts.SearchSpace;

namespace VpDarts.Reporting;

/// <summary>The figures of experiment summaries, drawn with ScottPlot and written as PNG with an SVG twin.</summary>
internal static class ExperimentFigures
{
    private static readonly Color Seeds = Color.FromSKColor(new SKColor(0x1f, 0x77, 0xb4));
    private static readonly Color MeanColor = Color.FromSKColor(new SKColor(0xd6, 0x27, 0x28));
    private static readonly Color AlphaColor = Color.FromSKColor(new SKColor(0xff, 0x7f, 0x0e));
    private static readonly Color ValidColor = Color.FromSKColor(new SKColor(0x2c, 0xa0, 0x2c));

    /// <summary><c>accuracy.png</c>: one panel per NB201 data set; each seed's accuracy per variant, mean ± std, table
    /// references.</summary>
    public static void Accuracy(string path, ExperimentPlan plan, IReadOnlyList<RunOutcome> outcomes, Nb201Table? table)
    {
        const int width = 1500, height = 520;
        Canvas.SaveFigure(path, width, height, canvas =>
        {
            for (var d = 0; d < Nb201Datasets.Count; d++)
            {
                using var plot = AccuracyPanel(plan, outcomes, table, Nb201Datasets.All[d]);
                Canvas.Draw(canvas, plot, new SKRect(d * width / 3f, 0, (d + 1) * width / 3f, height));
            }
        });
    }

    /// <summary>
    /// One panel of <c>accuracy.png</c>. The legend's entries are named on the first variant that has finished runs
    /// (whichever it is), so the legend is there whenever any variant has a point.
    /// </summary>
    internal static Plot AccuracyPanel(ExperimentPlan plan, IReadOnlyList<RunOutcome> outcomes, Nb201Table? table,
        Nb201Dataset dataset)
    {
        var variants = plan.Definition.Variants;
        var plot = Canvas.NewPlot(dataset.DisplayName(), "variant", "NB201 test accuracy (%)");
        var labelled = false;
        for (var v = 0; v < variants.Count; v++)
        {
            var values = outcomes.Where(o =>
                o.Spec.Variant.Name == variants[v].Name && o.State == RunState.Finished && o.Scores is not null)
                .Select(o => o.Scores!.Value[dataset]).ToArray();
            if (values.Length == 0) continue;
            var xs = values.Select((_, i) => v - 0.12 + 0.24 * (i + 0.5) / values.Length).ToArray();
            var points = plot.Add.ScatterPoints(xs, values, Seeds);
            points.MarkerSize = 7;
            var stats = SummaryStats.Of(values);
            var mean = plot.Add.Marker(v + 0.25, stats.Mean, MarkerShape.FilledDiamond, 11, MeanColor);
            if (!labelled)
            {
                points.LegendText = "one seed";
                mean.LegendText = "mean ± std";
                labelled = true;
            }
            if (stats.Count > 1)
            {
                var bar = plot.Add.ErrorBar([v + 0.25], [stats.Mean], [stats.Std]);
                bar.Color = MeanColor;
            }
        }
        if (table is not null)
        {
            plot.Add.HorizontalLine(table.Mean(dataset), 1.5f, Colors.Gray, LinePattern.Dashed);
            Canvas.DashedLegendEntry(plot, "mean of all cells", Colors.Gray, 1.5f, LinePattern.Dashed);
            plot.Add.HorizontalLine(table.Best(dataset).Scores[dataset], 1.5f, ValidColor, LinePattern.Dashed);
            Canvas.DashedLegendEntry(plot, "table optimum", ValidColor, 1.5f, LinePattern.Dashed);
        }
        plot.Axes.Bottom.SetTicks(Enumerable.Range(0, variants.Count).Select(i => (double)i).ToArray(),
            variants.Select(v => v.Name).ToArray());
        plot.Axes.SetLimitsX(-0.6, variants.Count - 0.4);
        plot.ShowLegend(Edge.Bottom);
        plot.Legend.FontSize = 11;
        return plot;
    }

    /// <summary><c>kendall.png</c>: τ-b per edge and its mean, one bar per reading (mean over runs when there are
    /// several).</summary>
    public static void Kendall(string path, IReadOnlyList<RankingAgreement> rows)
    {
        var shown = rows.Any(r => r.Run == "mean") ? rows.Where(r => r.Run == "mean").ToList() : rows.ToList();
        Canvas.SaveFigure(path, 1000, 520, canvas =>
        {
            using var plot = Canvas.NewPlot("Kendall τ-b against the NB201 ranking", "edge", "Kendall τ-b");
            var readings = new[] { ("alpha", AlphaColor), ("validation", ValidColor) };
            for (var k = 0; k < readings.Length; k++)
            {
                var (reading, color) = readings[k];
                if (shown.FirstOrDefault(r => r.Reading == reading) is not { } row) continue;
                var values = row.PerEdge.Append(row.Mean).ToArray();
                var bars = values.Select((v, g) => new Bar
                {
                    Position = g + (k == 0 ? -0.2 : 0.2), Value = double.IsFinite(v) ? v : 0,
                    FillColor = color, Size = 0.38,
                }).ToArray();
                var plottable = plot.Add.Bars(bars);
                plottable.LegendText = RankingReport.ReadingLabel(reading);
            }
            plot.Add.HorizontalLine(0, 1, Colors.Black);
            var labels =
                Enumerable.Range(0, CellTopology.EdgeCount).Select(CellTopology.EdgeLabel).Append("mean").ToArray();
            plot.Axes.Bottom.SetTicks(Enumerable.Range(0, labels.Length).Select(i => (double)i).ToArray(), labels);
            plot.Axes.SetLimits(-0.6, labels.Length - 0.4, -1.05, 1.05);
            plot.ShowLegend(Edge.Bottom);
            plot.Legend.FontSize = 12;
            Canvas.Draw(canvas, plot, new SKRect(0, 0, 1000, 520));
        });
    }

    /// <summary><c>valid-fraction.png</c>: found CIFAR-10 accuracy (left) and search time (right) against the
    /// fraction.</summary>
    public static void ValidFraction(string path, IReadOnlyList<ValidFractionPoint> points,
        IReadOnlyList<RunOutcome> outcomes)
    {
        const int width = 1200, height = 500;
        var done = outcomes.Where(o => o.State == RunState.Finished).ToList();
        Canvas.SaveFigure(path, width, height, canvas =>
        {
            Panel(canvas, new SKRect(0, 0, width / 2f, height), "Found cell", "NB201 CIFAR-10 test accuracy (%)",
                points.Select(p => p.Cifar10).ToList(),
                done.Where(o => o.Scores is not null)
                    .Select(o => (o.Spec.Config.ValidFraction, o.Scores!.Value.Cifar10)).ToList(), points);
            Panel(canvas, new SKRect(width / 2f, 0, width, height), "Search time", "search time (min)",
                points.Select(p => p.SearchMinutes).ToList(),
                done.Where(o => o.SearchSeconds is not null)
                    .Select(o => (o.Spec.Config.ValidFraction, o.SearchSeconds!.Value / 60)).ToList(), points);
        });
    }

    private static void Panel(SKCanvas canvas, SKRect rect, string title, string yLabel,
        IReadOnlyList<SummaryStats> means,
        IReadOnlyList<(double Fraction, double Value)> seeds, IReadOnlyList<ValidFractionPoint> points)
    {
        using var plot = Canvas.NewPlot(title, "fraction of search-valid per ablation", yLabel);
        if (seeds.Count > 0)
        {
            var scatter = plot.Add.ScatterPoints(seeds.Select(s => s.Fraction).ToArray(),
                seeds.Select(s => s.Value).ToArray(), Seeds);
            scatter.MarkerSize = 7;
            scatter.LegendText = "one seed";
        }
        var withData = points.Zip(means).Where(p => p.Second.Count > 0).ToList();
        if (withData.Count > 0)
        {
            var line = plot.Add.Scatter(withData.Select(p => p.First.Fraction).ToArray(),
                withData.Select(p => p.Second.Mean).ToArray(), MeanColor);
            line.LineWidth = 2;
            line.MarkerSize = 8;
            line.LegendText = "mean";
        }
        plot.Axes.Bottom.SetTicks(points.Select(p => p.Fraction).ToArray(), points.Select(p =>
            p.Fraction.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture)).ToArray());
        plot.Axes.SetLimitsX(0, 1.05);
        plot.ShowLegend(Edge.Bottom);
        plot.Legend.FontSize = 12;
        Canvas.Draw(canvas, plot, rect);
    }
}
