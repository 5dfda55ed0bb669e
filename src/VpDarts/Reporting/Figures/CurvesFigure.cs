using ScottPlot;
using SkiaSharp;
using VpDarts.Runs;

namespace VpDarts.Reporting.Figures;

/// <summary><c>curves.png</c>: train and valid loss (left) and accuracy (right) over the epochs, warm-up
/// shaded.</summary>
internal static class CurvesFigure
{
    public const int Width = 1200, Height = 500;

    private static readonly Color Train = Color.FromSKColor(new SKColor(0x1f, 0x77, 0xb4));
    private static readonly Color Valid = Color.FromSKColor(new SKColor(0xd6, 0x27, 0x28));

    public static void Write(string path, IReadOnlyList<SearchEpochRecord> epochs)
    {
        var xs = epochs.Select(m => m.Number).ToList();
        Canvas.SaveFigure(path, Width, Height, canvas =>
        {
            Panel(canvas, new SKRect(0, 0, Width / 2f, Height), "Loss", "cross-entropy loss", epochs, xs,
                epochs.Select(m => m.TrainLoss).ToList(), epochs.Select(m => m.ValidLoss).ToList(),
                    Alignment.UpperRight);
            Panel(canvas, new SKRect(Width / 2f, 0, Width, Height), "Accuracy", "accuracy (%)", epochs, xs,
                epochs.Select(m => m.TrainAcc).ToList(), epochs.Select(m => m.ValidAcc).ToList(), Alignment.LowerRight);
        });
    }

    private static void Panel(SKCanvas canvas, SKRect rect, string title, string yLabel,
        IReadOnlyList<SearchEpochRecord> epochs,
        IReadOnlyList<int> xs, IReadOnlyList<double?> train, IReadOnlyList<double?> valid, Alignment legend)
    {
        using var plot = Canvas.NewPlot(title, "epoch", yLabel);
        var warmup = epochs.Where(m => m.Phase == "warm-up").Select(m => m.Number).ToList();
        if (warmup.Count > 0)
        {
            var span = plot.Add.HorizontalSpan(warmup.Min() - 0.5, warmup.Max() + 0.5, Colors.Gray.WithAlpha(0.15));
            span.LegendText = "warm-up (α frozen)";
        }
        Canvas.Line(plot, xs, train, Train, "train (search-train half)");
        Canvas.Line(plot, xs, valid, Valid, "valid (architecture steps)", LinePattern.Dashed);
        Canvas.EpochAxis(plot, xs[0], xs[^1]);
        var legendBox = plot.ShowLegend(legend);
        legendBox.FontSize = 12;
        Canvas.Draw(canvas, plot, rect);
    }
}
