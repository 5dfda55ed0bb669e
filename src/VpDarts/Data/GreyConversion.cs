using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace VpDarts.Data;

/// <summary>
/// Colour to grey as PIL's <c>convert("L")</c> computes it, which torchvision's <c>Grayscale</c> calls on PIL images:
/// ITU-R 601-2 luma, L = R·299/1000 + G·587/1000 + B·114/1000, in PIL's 16-bit fixed point with rounding,
/// <c>(R·19595 + G·38470 + B·7471 + 0x8000) &gt;&gt; 16</c>. The weights sum to 65536, so a grey pixel keeps its
/// value. ImageSharp's own conversion to <see cref="L8"/> uses the BT.709 weights instead.
/// </summary>
public static class GreyConversion
{
    /// <summary>The grey value PIL gives the 8-bit colour (<paramref name="r"/>, <paramref name="g"/>,
    /// <paramref name="b"/>).</summary>
    public static byte Luma(byte r, byte g, byte b) => (byte)((r * 19595 + g * 38470 + b * 7471 + 0x8000) >> 16);

    /// <summary>A grey copy of <paramref name="image"/>, pixel by pixel with <see cref="Luma"/>.</summary>
    public static Image<L8> ToGrey(Image<Rgb24> image)
    {
        ArgumentNullException.ThrowIfNull(image);
        var grey = new Image<L8>(image.Width, image.Height);
        image.ProcessPixelRows(grey, (source, target) =>
        {
            for (var y = 0; y < source.Height; y++)
            {
                var from = source.GetRowSpan(y);
                var to = target.GetRowSpan(y);
                for (var x = 0; x < from.Length; x++) to[x] = new L8(Luma(from[x].R, from[x].G, from[x].B));
            }
        });
        return grey;
    }
}
