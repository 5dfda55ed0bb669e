using ScottPlot;
using SkiaSharp;
using VpDarts.Runs;
using VpDarts.SearchSpace;

namespace VpDarts.Reporting.Figures;

/// <summary>
/// An importance heat map (<c>importance.png</c> for the final selection, <c>importance-epoch.png</c> for the last
/// epoch that measured one): every value written in its cell, the kept operation of each edge outlined in red, the
/// ops an epoch pruned outlined dashed, grey cells for operations that were not measured.
/// </summary>
internal static class ImportanceFigure
{
    public const int Width = 900, Height = 600;

    /// <summary>What the values of a criterion mean, for the colour bar and the report.</summary>
    public static string Describe(string? criterion)
        => criterion is null ? "importance" : OptionNames.Find<ImportanceCriterion>(criterion) switch
    {
        ImportanceCriterion.ValidAccuracy => "valid accuracy (%) with the op removed; lower = more important",
        ImportanceCriterion.ValidAccuracyRacing =>
            "valid accuracy (%) with the op removed, over the batches it raced; lower = more important",
        ImportanceCriterion.ValidAccuracyScreening =>
            "valid accuracy (%) with the op removed (short-listed ops only); lower = more important",
        ImportanceCriterion.ValidLoss => "valid loss with the op removed; higher = more important",
        ImportanceCriterion.Alpha => "α of the op; higher = more important",
        _ => criterion,
    };

    /// <summary>Draws <paramref name="figure"/> to <paramref name="path"/> (and its SVG twin).</summary>
    public static void Write(string path, ImportanceFigureData figure)
    {
        const int edges = CellTopology.EdgeCount, ops = Operations.Count;
        var importance = figure.Matrix;
        using var plot = Canvas.NewPlot(figure.Title, "operation", "");
        var heatmap = plot.Add.Heatmap(importance);
        heatmap.Colormap = new ScottPlot.Colormaps.Viridis();
        heatmap.NaNCellColor = Colors.LightGray;
        // Cell (edge e, op o) is centred at x = o, y = edges − 1 − e: edge 1<-0 on top, as in the α matrix.
        heatmap.Rectangle = new CoordinateRect(-0.5, ops - 0.5, -0.5, edges - 0.5);

        var outlined = figure.Outlined.ToHashSet();
        var pruned = figure.Pruned.ToHashSet();
        var finite =
            Enumerable.Range(0, edges * ops).Select(i => importance[i / ops, i % ops]).Where(double.IsFinite).ToList();
        var (min, max) = finite.Count > 0 ? (finite.Min(), finite.Max()) : (0, 1);
        for (var e = 0; e < edges; e++)
        {
            for (var o = 0; o < ops; o++)
            {
                var value = importance[e, o];
                var y = edges - 1 - e;
                var kept = outlined.Contains(new EdgeOp(e, o));
                var bright = max > min && (value - min) / (max - min) > 0.6;
                var text = plot.Add.Text(double.IsFinite(value) ? Format(value) : "—", o, y);
                text.Alignment = Alignment.MiddleCenter;
                text.LabelFontSize = 15;
                text.LabelBold = kept;
                text.LabelFontColor = !double.IsFinite(value) ? Colors.DimGray : bright ? Colors.Black : Colors.White;
                if (kept) Box(plot, o, y, Colors.Red, 3, LinePattern.Solid);
                else if (pruned.Contains(new EdgeOp(e, o))) Box(plot, o, y, Colors.White, 2, LinePattern.Dashed);
            }
        }

        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            Enumerable.Range(0, ops).Select(o => (double)o).ToArray(), Operations.Names.ToArray());
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            Enumerable.Range(0, edges).Select(e => (double)(edges - 1 - e)).ToArray(),
            Enumerable.Range(0, edges).Select(CellTopology.EdgeLabel).ToArray());
        plot.Axes.Left.Label.Text = "edge (to<-from)";
        plot.Axes.SetLimits(-0.5, ops - 0.5, -0.5, edges - 0.5);
        plot.HideGrid();
        var bar = plot.Add.ColorBar(heatmap);
        bar.Label = Describe(figure.Criterion);
        bar.LabelStyle.FontSize = 12;
        plot.XLabel(figure.Pruned.Count > 0
            ? "operation (red outline: kept; white dashed: pruned; grey: not measured)"
            : "operation (red outline: the cell's op on the edge; grey: not measured)", 13);
        Canvas.SaveFigure(path, Width, Height, canvas => Canvas.Draw(canvas, plot, new SKRect(0, 0, Width, Height)));
    }

    /// <summary>
    /// Outlines the heat-map cell at (<paramref name="o"/>, <paramref name="y"/>). Drawn as a polygon (a path), which
    /// keeps its dashes in the SVG twin too; Skia's SVG backend cannot dash a plain rectangle.
    /// </summary>
    private static void Box(Plot plot, int o, int y, Color color, float width, LinePattern pattern)
    {
        var box = plot.Add.Polygon(
            [new(o - 0.47, y - 0.45), new(o + 0.47, y - 0.45), new(o + 0.47, y + 0.45), new(o - 0.47, y + 0.45)]);
        box.FillStyle.Color = Colors.Transparent;
        box.LineStyle.Color = color;
        box.LineStyle.Width = width;
        box.LineStyle.Pattern = pattern;
    }

    private static string Format(double value) =>
        Math.Abs(value) >= 100
            ? value.ToString("F1", CultureInfo.InvariantCulture) : value.ToString("0.##", CultureInfo.InvariantCulture);
}
