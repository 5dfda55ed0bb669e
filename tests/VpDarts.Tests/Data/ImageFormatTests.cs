using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats;
using SixLabors.ImageSharp.Formats.Bmp;
using SixLabors.ImageSharp.Formats.Gif;
using SixLabors.ImageSharp.Formats.Pbm;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.Formats.Tga;
using SixLabors.ImageSharp.Formats.Tiff;
using SixLabors.ImageSharp.Formats.Webp;
using SixLabors.ImageSharp.PixelFormats;

namespace VpDarts.Tests.Data;

/// <summary>Image folders read every format ImageSharp decodes, to the same pixels where the format is lossless.</summary>
public class ImageFormatTests
{
    /// <summary>An 8x8 image of four colours (so that GIF's palette holds it exactly).</summary>
    private static Image<Rgb24> FourColours()
    {
        Rgb24[] colours = [new(250, 10, 10), new(10, 200, 40), new(30, 30, 220), new(128, 128, 128)];
        var image = new Image<Rgb24>(8, 8);
        for (var y = 0; y < 8; y++)
            for (var x = 0; x < 8; x++) image[x, y] = colours[(x / 2 + y) % 4];
        return image;
    }

    private static readonly (string File, IImageEncoder Encoder)[] Lossless =
    [
        ("a.png", new PngEncoder()),
        ("b.BMP", new BmpEncoder { BitsPerPixel = BmpBitsPerPixel.Pixel24 }),
        ("c.gif", new GifEncoder()),
        ("d.tga", new TgaEncoder { BitsPerPixel = TgaBitsPerPixel.Pixel24 }),
        ("e.tif", new TiffEncoder()),
        ("f.tiff", new TiffEncoder()),
        ("g.webp", new WebpEncoder { FileFormat = WebpFileFormatType.Lossless }),
        ("h.ppm", new PbmEncoder { ColorType = PbmColorType.Rgb, Encoding = PbmEncoding.Binary }),
    ];

    [Fact]
    public void Every_format_decodes_and_lossless_ones_to_the_same_pixels()
    {
        using var dir = new TempDir();
        using var source = FourColours();
        Directory.CreateDirectory(dir.In("train", "lossless"));
        Directory.CreateDirectory(dir.In("train", "other"));
        foreach (var (file, encoder) in Lossless) source.Save(dir.In("train", "lossless", file), encoder);
        source.SaveAsJpeg(dir.In("train", "other", "a.jpeg"));
        using (var grey8 = source.CloneAs<L8>()) grey8.Save(dir.In("train", "other", "b.pgm"), new PbmEncoder { ColorType = PbmColorType.Grayscale });
        using (var bits = source.CloneAs<L8>()) bits.Save(dir.In("train", "other", "c.pbm"), new PbmEncoder { ColorType = PbmColorType.BlackAndWhite });

        using var dataset = ImageFolderReader.Load(dir.Path, "train", dir.In("cache"), 1);
        Assert.Equal(Lossless.Length + 3, dataset.Count);
        var bytes = dataset.Images.bytes.ToArray();
        var expected = new byte[3 * 64];
        for (var y = 0; y < 8; y++)
            for (var x = 0; x < 8; x++)
            {
                expected[y * 8 + x] = source[x, y].R;
                expected[64 + y * 8 + x] = source[x, y].G;
                expected[128 + y * 8 + x] = source[x, y].B;
            }
        for (var i = 0; i < Lossless.Length; i++)
            Assert.True(expected.AsSpan().SequenceEqual(bytes.AsSpan(i * 192, 192)), $"{Lossless[i].File} decodes to other pixels");
        // the grey file expands to three equal channels
        var grey = bytes.AsSpan((Lossless.Length + 1) * 192, 192);
        Assert.True(grey[..64].SequenceEqual(grey[64..128]) && grey[..64].SequenceEqual(grey[128..]));
    }

    [Theory]
    [InlineData("x.webp")]
    [InlineData("x.tif")]
    [InlineData("x.gif")]
    public void An_unreadable_file_is_one_line_naming_it(string name)
    {
        using var dir = new TempDir();
        using (var source = FourColours())
        {
            Directory.CreateDirectory(dir.In("train", "a"));
            source.SaveAsPng(dir.In("train", "a", "0.png"));
        }
        File.WriteAllBytes(dir.In("train", "a", name), [0x47, 0x49, 0x46, 0x38, 1, 2, 3, 4, 5]);
        var e = dir.LoadFails(threads: 1);
        Assert.StartsWith(dir.In("train", "a", name) + ":", e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }
}
