using SkiaSharp;
using VpDarts.Runs;
using VpDarts.SearchSpace;

namespace VpDarts.Reporting.Figures;

/// <summary><c>alpha.png</c>: α of every operation over the epochs, one panel per edge, one shared legend.</summary>
internal static class AlphaFigure
{
    public const int Width = 1200, Height = 800;
    private const int Columns = 3, Rows = 2;
    private const float TitleHeight = 44, LegendHeight = 44;

    /// <summary>Draws the figure; false (nothing written) when no epoch recorded α.</summary>
    public static bool Write(string path, IReadOnlyList<SearchEpochRecord> epochs)
    {
        var withAlpha = epochs.Where(m => m.Alpha is not null).ToList();
        if (withAlpha.Count == 0) return false;
        var xs = withAlpha.Select(m => m.Number).ToList();

        Canvas.SaveFigure(path, Width, Height, canvas =>
        {
            using (var title = Canvas.Font(18, bold: true))
                Canvas.CenteredText(canvas, "Architecture weights α per edge", Width / 2f, TitleHeight / 2 + 4,
                    title, SKColors.Black);
            var panelW = Width / (float)Columns;
            var panelH = (Height - TitleHeight - LegendHeight) / Rows;
            for (var edge = 0; edge < CellTopology.EdgeCount; edge++)
            {
                using var plot = Canvas.NewPlot(Canvas.EdgeLabels[edge], "epoch", "α");
                for (var op = 0; op < Operations.Count; op++)
                {
                    var e = edge;
                    var o = op;
                    Canvas.Line(plot, xs, withAlpha.Select(m => m.Alpha![e][o]).ToList(), Canvas.OpColor(op),
                        Operations.Names[op]);
                }
                Canvas.EpochAxis(plot, xs[0], xs[^1]);
                plot.HideLegend(); // one legend for all panels, below them
                var (row, column) = (edge / Columns, edge % Columns);
                var left = column * panelW;
                var top = TitleHeight + row * panelH;
                Canvas.Draw(canvas, plot, new SKRect(left, top, left + panelW, top + panelH));
            }
            Canvas.LegendRow(canvas, new SKRect(0, Height - LegendHeight, Width, Height),
                Enumerable.Range(0, Operations.Count)
                    .Select(op => (Operations.Names[op], Canvas.OpColors[op])).ToList());
        });
        return true;
    }
}
