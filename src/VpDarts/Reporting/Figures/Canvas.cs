using ScottPlot;
using SkiaSharp;
using VpDarts.Runtime;
using VpDarts.SearchSpace;

namespace VpDarts.Reporting.Figures;

/// <summary>Shared drawing helpers: PNG and SVG output, fonts, operation colours, ScottPlot panels on one
/// canvas.</summary>
internal static class Canvas
{
    /// <summary>One colour per operation, the same in every figure.</summary>
    public static readonly IReadOnlyList<SKColor> OpColors =
    [
        new SKColor(0x7f, 0x7f, 0x7f), // none
        new SKColor(0xff, 0x7f, 0x0e), // skip_connect
        new SKColor(0x1f, 0x77, 0xb4), // nor_conv_1x1
        new SKColor(0x2c, 0xa0, 0x2c), // nor_conv_3x3
        new SKColor(0x94, 0x67, 0xbd), // avg_pool_3x3
    ];

    /// <summary>The ScottPlot colour of operation <paramref name="op"/>.</summary>
    public static Color OpColor(int op) => Color.FromSKColor(OpColors[op]);

    /// <summary>
    /// Draws a figure of <paramref name="width"/>×<paramref name="height"/> on white and writes it as PNG to
    /// <paramref name="path"/> and as SVG beside it (<see cref="SvgPath"/>, for papers), both atomically.
    /// </summary>
    public static void SaveFigure(string path, int width, int height, Action<SKCanvas> draw)
    {
        using (var surface = SKSurface.Create(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul))
                             ?? throw new InvalidOperationException(
                                 $"cannot create a {width}×{height} drawing surface"))
        {
            var canvas = surface.Canvas;
            canvas.Clear(SKColors.White);
            draw(canvas);
            canvas.Flush();
            using var image = surface.Snapshot();
            using var data = image.Encode(SKEncodedImageFormat.Png, 100)
                             ?? throw new InvalidOperationException($"{path}: PNG encoding failed");
            AtomicFile.Write(path, stream => data.SaveTo(stream));
        }
        AtomicFile.Write(SvgPath(path), stream =>
        {
            using var svgStream = new SKManagedWStream(stream);
            // The SVG document is completed when its canvas is disposed, so the canvas goes first.
            using (var svg = SKSvgCanvas.Create(SKRect.Create(width, height), svgStream))
            {
                svg.Clear(SKColors.White);
                draw(svg);
            }
            svgStream.Flush();
        });
    }

    /// <summary>The SVG twin of a PNG figure: the same path with the extension <c>.svg</c>.</summary>
    public static string SvgPath(string pngPath) => Path.ChangeExtension(pngPath, ".svg");

    /// <summary>Renders a ScottPlot plot into the rectangle <paramref name="rect"/> of
    /// <paramref name="canvas"/>.</summary>
    public static void Draw(SKCanvas canvas, Plot plot, SKRect rect)
    {
        canvas.Save();
        canvas.ClipRect(rect);
        plot.Render(canvas, new PixelRect(rect.Left, rect.Right, rect.Bottom, rect.Top));
        canvas.Restore();
    }

    /// <summary>A fresh plot with the style every figure shares.</summary>
    public static Plot NewPlot(string title, string xLabel, string yLabel)
    {
        var plot = new Plot();
        if (SansFamily is { } family) plot.Font.Set(family);
        plot.Title(title, 15);
        plot.XLabel(xLabel, 13);
        plot.YLabel(yLabel, 13);
        plot.Axes.Bottom.TickLabelStyle.FontSize = 12;
        plot.Axes.Left.TickLabelStyle.FontSize = 12;
        return plot;
    }

    /// <summary>Epoch ticks on the bottom axis: whole numbers only.</summary>
    public static void EpochAxis(Plot plot, int firstEpoch, int lastEpoch)
    {
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
        plot.Axes.SetLimitsX(firstEpoch - 0.5, lastEpoch + 0.5);
    }

    /// <summary>A line with markers through the points where <paramref name="ys"/> has a value; null when it has
    /// none.</summary>
    public static ScottPlot.Plottables.Scatter? Line(Plot plot, IReadOnlyList<int> xs, IReadOnlyList<double?> ys,
        Color color, string label, LinePattern? pattern = null)
    {
        var points = xs.Zip(ys).Where(p => p.Second is { } v && double.IsFinite(v)).ToList();
        if (points.Count == 0) return null;
        var (xValues, yValues) =
            (points.Select(p => (double)p.First).ToArray(), points.Select(p => p.Second!.Value).ToArray());
        var markerSize = points.Count > 40 ? 0 : 6;
        // A dashed line's markers are drawn first, as points of their own: ScottPlot would draw them with the dashed
        // paint, which Skia's SVG backend cannot express (it warns on stderr for every marker).
        if (pattern is not null && markerSize > 0)
            plot.Add.ScatterPoints(xValues, yValues, color).MarkerSize = markerSize;
        var line = plot.Add.Scatter(xValues, yValues, color);
        line.LineWidth = 2;
        if (pattern is { } p)
        {
            line.LinePattern = p;
            line.MarkerSize = 0;
            DashedLegendEntry(plot, label, color, 2, p);
        }
        else
        {
            line.MarkerSize = markerSize;
            line.LegendText = label;
        }
        return line;
    }

    /// <summary>
    /// A legend entry of a dashed line: the dashed line sample without a marker. ScottPlot draws a plottable's own
    /// legend marker with the dashed paint, which Skia's SVG backend cannot express (it warns on stderr for each one).
    /// </summary>
    public static void DashedLegendEntry(Plot plot, string label, Color color, float width, LinePattern pattern) =>
        plot.Legend.ManualItems.Add(
            new LegendItem { LabelText = label, LineColor = color, LineWidth = width, LinePattern = pattern });

    /// <summary>The first installed sans-serif family of a few common ones; null = the system default.</summary>
    public static string? SansFamily { get; } =
        FindFamily("DejaVu Sans", "Liberation Sans", "Arial", "Helvetica", "Noto Sans");

    /// <summary>The first installed monospace family of a few common ones; null = the system default.</summary>
    public static string? MonoFamily { get; } =
        FindFamily("DejaVu Sans Mono", "Liberation Mono", "Consolas", "Menlo", "Noto Sans Mono");

    private static string? FindFamily(params string[] names)
    {
        var installed = new HashSet<string>(SKFontManager.Default.FontFamilies, StringComparer.OrdinalIgnoreCase);
        return names.FirstOrDefault(installed.Contains);
    }

    /// <summary>A font for text drawn straight on the canvas.</summary>
    public static SKFont Font(float size, bool bold = false, bool mono = false) =>
        new(SKTypeface.FromFamilyName(mono ? MonoFamily : SansFamily, bold ? SKFontStyle.Bold : SKFontStyle.Normal)
            ?? SKTypeface.Default, size);

    /// <summary>Draws text centred at (<paramref name="x"/>, <paramref name="y"/>) (y is the vertical
    /// centre).</summary>
    public static void CenteredText(SKCanvas canvas, string text, float x, float y, SKFont font, SKColor color)
    {
        using var paint = new SKPaint { Color = color, IsAntialias = true };
        font.MeasureText(text, out var bounds);
        canvas.DrawText(text, x, y - bounds.MidY, SKTextAlign.Center, font, paint);
    }

    /// <summary>A legend row of coloured line samples and labels, centred in <paramref name="rect"/>.</summary>
    public static void LegendRow(SKCanvas canvas, SKRect rect, IReadOnlyList<(string Label, SKColor Color)> items,
        float fontSize = 14)
    {
        using var font = Font(fontSize);
        using var text = new SKPaint { Color = SKColors.Black, IsAntialias = true };
        using var line = new SKPaint { IsAntialias = true, StrokeWidth = 3, Style = SKPaintStyle.Stroke };
        const float sample = 28, gap = 8, spacing = 28;
        var widths = items.Select(i => sample + gap + font.MeasureText(i.Label)).ToList();
        var x = rect.MidX - (widths.Sum() + spacing * (items.Count - 1)) / 2;
        font.MeasureText("Ag", out var bounds);
        var y = rect.MidY;
        for (var i = 0; i < items.Count; i++)
        {
            line.Color = items[i].Color;
            canvas.DrawLine(x, y, x + sample, y, line);
            canvas.DrawText(items[i].Label, x + sample + gap, y - bounds.MidY, SKTextAlign.Left, font, text);
            x += widths[i] + spacing;
        }
    }

    /// <summary>Labels of the six edges in α-row order, e.g. <c>edge 2&lt;-1</c>.</summary>
    public static IReadOnlyList<string> EdgeLabels { get; } =
        Enumerable.Range(0, CellTopology.EdgeCount).Select(e => "edge " + CellTopology.EdgeLabel(e)).ToArray();
}
