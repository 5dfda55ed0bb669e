using ScottPlot;
using SkiaSharp;
using VpDarts.Runs;
using VpDarts.SearchSpace;

namespace VpDarts.Reporting.Figures;

/// <summary>
/// <c>pruning.png</c>: pruning strength per epoch (1 − decay factor of the pruned α, 0 where nothing was pruned) as
/// bars on the left axis, and the number of skip_connect edges of the current cell as a line on the right axis.
/// </summary>
internal static class PruningFigure
{
    public const int Width = 900, Height = 500;

    private static readonly Color Bars = Color.FromSKColor(new SKColor(0xd6, 0x27, 0x28)).WithAlpha(0.75);
    private static readonly Color Skips = Canvas.OpColor((int)Operation.SkipConnect);

    /// <summary>Pruning strength of an epoch: 1 − decay factor, 0 when the epoch pruned nothing.</summary>
    public static double Strength(SearchEpochRecord m) => m.DecayFactor is { } d ? 1 - d : 0;

    public static void Write(string path, IReadOnlyList<SearchEpochRecord> epochs)
    {
        var xs = epochs.Select(m => m.Number).ToList();
        var strengths = epochs.Select(Strength).ToList();
        using var plot =
            Canvas.NewPlot("Pruning strength and skip_connect count", "epoch", "pruning strength (1 − decay factor)");

        var bars = plot.Add.Bars(xs.Select(x => (double)x), strengths);
        bars.Color = Bars;
        bars.LegendText = "pruning strength";
        foreach (var bar in bars.Bars) bar.Size = 0.6;
        if (epochs.Count <= 30)
        {
            for (var i = 0; i < epochs.Count; i++)
            {
                if (epochs[i].Pruned is not { Count: > 0 } pruned) continue;
                var label = plot.Add.Text($"{pruned.Count} op{(pruned.Count == 1 ? "" : "s")}", xs[i], strengths[i]);
                label.Alignment = Alignment.LowerCenter;
                label.LabelFontSize = 11;
                label.OffsetY = -2;
            }
        }
        if (strengths.All(s => s == 0))
        {
            var note = plot.Add.Text("no α was pruned in this run", (xs[0] + xs[^1]) / 2.0, 0.55);
            note.Alignment = Alignment.MiddleCenter;
            note.LabelFontSize = 14;
            note.LabelFontColor = Colors.Gray;
        }

        var skips = Canvas.Line(plot, xs, epochs.Select(m => m.SkipCount is { } s ? (double?)s : null).ToList(), Skips,
            "skip_connect edges in the cell");
        if (skips is not null)
        {
            skips.Axes.YAxis = plot.Axes.Right;
            plot.Axes.Right.Label.Text = "skip_connect edges";
            plot.Axes.Right.Label.FontSize = 13;
            plot.Axes.Right.TickLabelStyle.FontSize = 12;
            plot.Axes.Right.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
            plot.Axes.SetLimitsY(-0.2, CellTopology.EdgeCount + 0.5, plot.Axes.Right);
        }
        plot.Axes.SetLimitsY(0, 1.15, plot.Axes.Left);
        Canvas.EpochAxis(plot, xs[0], xs[^1]);
        var legend = plot.ShowLegend(Alignment.UpperLeft);
        legend.FontSize = 12;
        Canvas.SaveFigure(path, Width, Height, canvas => Canvas.Draw(canvas, plot, new SKRect(0, 0, Width, Height)));
    }
}
