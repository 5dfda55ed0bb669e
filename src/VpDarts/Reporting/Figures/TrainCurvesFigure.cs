using ScottPlot;
using SkiaSharp;
using VpDarts.Runs;

namespace VpDarts.Reporting.Figures;

/// <summary>
/// <c>curves.png</c> of a training run: training loss, training accuracy (with the final test accuracy as a dashed
/// level once the run has finished) and the learning rate, per epoch.
/// </summary>
internal static class TrainCurvesFigure
{
    public const int Width = 1500, Height = 450;

    private static readonly Color Train = Color.FromSKColor(new SKColor(0x1f, 0x77, 0xb4));
    private static readonly Color Test = Color.FromSKColor(new SKColor(0xd6, 0x27, 0x28));
    private static readonly Color Rate = Color.FromSKColor(new SKColor(0x2c, 0xa0, 0x2c));

    public static void Write(string path, IReadOnlyList<TrainEpochRecord> epochs, double? testAccuracy)
    {
        var xs = epochs.Select(m => m.Number).ToList();
        var third = Width / 3f;
        Canvas.SaveFigure(path, Width, Height, canvas =>
        {
            using (var loss = Panel("Training loss", "cross-entropy loss", xs,
                epochs.Select(m => m.TrainLoss).ToList(), "train", Train))
            {
                loss.HideLegend();
                Canvas.Draw(canvas, loss, new SKRect(0, 0, third, Height));
            }
            using (var accuracy = Panel("Accuracy", "accuracy (%)", xs, epochs.Select(m => m.TrainAcc).ToList(),
                "train (augmented)", Train))
            {
                if (testAccuracy is { } test)
                {
                    accuracy.Add.HorizontalLine(test, 2, Test, LinePattern.Dashed);
                    Canvas.DashedLegendEntry(accuracy, $"test, after the last epoch ({test:F2}%)", Test, 2,
                        LinePattern.Dashed);
                }
                accuracy.ShowLegend(Alignment.LowerRight).FontSize = 12;
                Canvas.Draw(canvas, accuracy, new SKRect(third, 0, 2 * third, Height));
            }
            var rates = epochs.Select(m => m.Lr).ToList();
            using (var lr = Panel("Learning rate", "learning rate at the epoch's first step", xs, rates, "lr", Rate))
            {
                lr.HideLegend();
                lr.Axes.SetLimitsY(0, 1.1 * rates.Where(r => r is { } v && double.IsFinite(v)).Select(r => r!.Value)
                    .DefaultIfEmpty(1).Max());
                Canvas.Draw(canvas, lr, new SKRect(2 * third, 0, Width, Height));
            }
        });
    }

    private static Plot Panel(string title, string yLabel, IReadOnlyList<int> xs, IReadOnlyList<double?> ys,
        string label, Color color)
    {
        var plot = Canvas.NewPlot(title, "epoch", yLabel);
        Canvas.Line(plot, xs, ys, color, label);
        Canvas.EpochAxis(plot, xs[0], xs[^1]);
        return plot;
    }
}
