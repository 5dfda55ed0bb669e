using System.Buffers.Binary;
using SkiaSharp;

namespace VpDarts.Tests.Reporting;

/// <summary>Checks of PNG files read from their bytes: signature, IHDR size, and that the picture is not blank.</summary>
internal static class Png
{
    private static readonly byte[] Signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>Width and height from the IHDR chunk, after checking the signature and that IHDR comes first.</summary>
    public static (int Width, int Height) Header(string path)
    {
        var bytes = File.ReadAllBytes(path);
        Assert.True(bytes.Length > 33, $"{path}: {bytes.Length} bytes is too short for a PNG");
        Assert.Equal(Signature, bytes[..8]);
        Assert.Equal(13u, BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(8)));
        Assert.Equal("IHDR", System.Text.Encoding.ASCII.GetString(bytes, 12, 4));
        return ((int)BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(16)), (int)BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(20)));
    }

    /// <summary>Asserts a valid PNG of the given size, over 5 KB, that decodes and is not blank.</summary>
    public static void AssertFigure(string path, int width, int height)
    {
        Assert.True(File.Exists(path), $"{path} is missing");
        Assert.Equal((width, height), Header(path));
        var size = new FileInfo(path).Length;
        Assert.True(size > 5 * 1024, $"{path}: only {size} bytes");
        using var bitmap = SKBitmap.Decode(path);
        Assert.NotNull(bitmap);
        Assert.Equal((width, height), (bitmap.Width, bitmap.Height));
        var inked = Count(bitmap, new SKRectI(0, 0, width, height), c => c.Red < 200 || c.Green < 200 || c.Blue < 200);
        Assert.True(inked > width * height / 100, $"{path}: only {inked} non-white pixels");
    }

    /// <summary>Pixels in <paramref name="rect"/> that satisfy <paramref name="test"/>.</summary>
    public static int Count(SKBitmap bitmap, SKRectI rect, Func<SKColor, bool> test)
    {
        var count = 0;
        for (var y = rect.Top; y < rect.Bottom; y++)
            for (var x = rect.Left; x < rect.Right; x++)
                if (test(bitmap.GetPixel(x, y))) count++;
        return count;
    }

    /// <summary>A clearly coloured pixel (a plotted line or bar, not black text, grey grid or white).</summary>
    public static bool Colourful(SKColor c) => Math.Max(c.Red, Math.Max(c.Green, c.Blue)) - Math.Min(c.Red, Math.Min(c.Green, c.Blue)) > 60;
}
