using SkiaSharp;
using VpDarts.SearchSpace;

namespace VpDarts.Reporting.Figures;

/// <summary>
/// <c>cell.png</c>: the cell as a DAG. Nodes 0..3 sit on a line; the edges between neighbours are straight, 0→2 and
/// 0→3 arc above, 1→3 arcs below. Each edge is drawn in its operation's colour and labelled with the operation;
/// <c>none</c> edges are grey and dashed.
/// </summary>
internal static class CellFigure
{
    public const int Width = 900, Height = 450;
    private const float Radius = 26, NodeY = 270;
    private static readonly float[] NodeX = [110, 337, 563, 790];

    /// <summary>Control-point height of each edge's quadratic curve above (−) or below (+) the node line; 0 =
    /// straight.</summary>
    private static readonly float[] Bend = [0, -130, 0, -380, 150, 0];

    public static void Write(string path, Genotype cell, string title)
    {
        Canvas.SaveFigure(path, Width, Height, canvas =>
        {
            using (var titleFont = Canvas.Font(20, bold: true))
                Canvas.CenteredText(canvas, title, Width / 2f, 28, titleFont, SKColors.Black);
            for (var edge = 0; edge < CellTopology.EdgeCount; edge++) DrawEdge(canvas, edge, cell[edge]);
            for (var edge = 0; edge < CellTopology.EdgeCount; edge++) DrawLabel(canvas, edge, cell[edge]);
            DrawNodes(canvas);
            using var mono = Canvas.Font(13, mono: true);
            Canvas.CenteredText(canvas, cell.ToString(), Width / 2f, Height - 24, mono, new SKColor(0x33, 0x33, 0x33));
        });
    }

    private static (SKPoint From, SKPoint Control, SKPoint To) Geometry(int edge)
    {
        var (to, from) = CellTopology.Edges[edge];
        var a = new SKPoint(NodeX[from], NodeY);
        var b = new SKPoint(NodeX[to], NodeY);
        var control = new SKPoint((a.X + b.X) / 2, NodeY + Bend[edge]);
        // Trim both ends to the node circles, along the curve's tangent there.
        var start = a + Scale(Normalize(control - a), Radius);
        var end = b - Scale(Normalize(b - control), Radius + 2);
        return (start, control, end);
    }

    private static void DrawEdge(SKCanvas canvas, int edge, Operation op)
    {
        var (start, control, end) = Geometry(edge);
        var none = op == Operation.None;
        var color = none ? new SKColor(0xb0, 0xb0, 0xb0) : Canvas.OpColors[(int)op];
        using var stroke = new SKPaint
        {
            Color = color, StrokeWidth = none ? 2 : 3.5f, Style = SKPaintStyle.Stroke, IsAntialias = true
        };
        using var dash = none ? SKPathEffect.CreateDash([8, 6], 0) : null;
        stroke.PathEffect = dash;
        using var path = new SKPath();
        path.MoveTo(start);
        path.QuadTo(control, end);
        canvas.DrawPath(path, stroke);

        // Arrow head along the curve's direction at its end.
        var dir = Normalize(end - control);
        var normal = new SKPoint(-dir.Y, dir.X);
        var tip = end;
        var back = end - Scale(dir, 14);
        using var head = new SKPath();
        head.MoveTo(tip);
        head.LineTo(back + Scale(normal, 6.5f));
        head.LineTo(back - Scale(normal, 6.5f));
        head.Close();
        using var fill = new SKPaint { Color = color, Style = SKPaintStyle.Fill, IsAntialias = true };
        canvas.DrawPath(head, fill);
    }

    private static void DrawLabel(SKCanvas canvas, int edge, Operation op)
    {
        var (to, from) = CellTopology.Edges[edge];
        var midX = (NodeX[from] + NodeX[to]) / 2;
        // The apex of a quadratic curve is halfway between the chord and the control point.
        var y = Bend[edge] == 0 ? NodeY - 16 : NodeY + Bend[edge] / 2;
        var none = op == Operation.None;
        using var font = Canvas.Font(14, bold: !none);
        var text = op.Name();
        var width = font.MeasureText(text);
        var box = new SKRect(midX - width / 2 - 5, y - 10, midX + width / 2 + 5, y + 10);
        using var background =
            new SKPaint { Color = SKColors.White.WithAlpha(235), Style = SKPaintStyle.Fill, IsAntialias = true };
        canvas.DrawRoundRect(box, 4, 4, background);
        Canvas.CenteredText(canvas, text, midX, y, font, none ? new SKColor(0x90, 0x90, 0x90) : SKColors.Black);
    }

    private static void DrawNodes(SKCanvas canvas)
    {
        using var fill =
            new SKPaint { Color = new SKColor(0xf2, 0xf2, 0xf2), Style = SKPaintStyle.Fill, IsAntialias = true };
        using var ring =
            new SKPaint { Color = SKColors.Black, Style = SKPaintStyle.Stroke, StrokeWidth = 2, IsAntialias = true };
        using var number = Canvas.Font(20, bold: true);
        using var caption = Canvas.Font(14);
        using var captionPaint = new SKPaint { Color = new SKColor(0x55, 0x55, 0x55), IsAntialias = true };
        for (var node = 0; node < CellTopology.NodeCount; node++)
        {
            canvas.DrawCircle(NodeX[node], NodeY, Radius, fill);
            canvas.DrawCircle(NodeX[node], NodeY, Radius, ring);
            Canvas.CenteredText(canvas, node.ToString(System.Globalization.CultureInfo.InvariantCulture), NodeX[node],
                NodeY, number, SKColors.Black);
        }
        caption.MeasureText("input", out var bounds);
        canvas.DrawText("input", NodeX[0] - Radius - 8, NodeY - bounds.MidY, SKTextAlign.Right, caption, captionPaint);
        canvas.DrawText("output", NodeX[^1] + Radius + 8, NodeY - bounds.MidY, SKTextAlign.Left, caption, captionPaint);
    }

    private static SKPoint Normalize(SKPoint v)
    {
        var length = MathF.Sqrt(v.X * v.X + v.Y * v.Y);
        return length > 0 ? new SKPoint(v.X / length, v.Y / length) : new SKPoint(1, 0);
    }

    private static SKPoint Scale(SKPoint v, float s) => new(v.X * s, v.Y * s);
}
