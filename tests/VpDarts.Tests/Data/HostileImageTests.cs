using System.Buffers.Binary;
using System.IO.Compression;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats;
using SixLabors.ImageSharp.Formats.Bmp;
using SixLabors.ImageSharp.Formats.Gif;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Pbm;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.Formats.Tga;
using SixLabors.ImageSharp.Formats.Tiff;
using SixLabors.ImageSharp.Formats.Webp;
using SixLabors.ImageSharp.PixelFormats;
using static VpDarts.Tests.Training.ExportedModels;

namespace VpDarts.Tests.Data;

/// <summary>Image files that lie about their size or are cut short are reported by name, before any large allocation.</summary>
public class HostileImageTests
{
    private static void Write(string path, byte[] bytes)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes);
    }

    [Theory]
    [InlineData("a")]   // the first image, whose size sets the dataset's
    [InlineData("b")]   // a later one
    public void Png_declaring_a_huge_size_is_refused_before_it_is_decoded(string classOfTheBomb)
    {
        using var dir = new TempDir();
        var bomb = PngBytes.Declaring(PngBytes.Noise(2, 1), 20_000, 20_000);
        Assert.InRange(bomb.Length, 0, 300);
        Write(dir.In("train", "a", "0.png"), classOfTheBomb == "a" ? bomb : PngBytes.Noise(8, 2));
        Write(dir.In("train", "b", "0.png"), classOfTheBomb == "b" ? bomb : PngBytes.Noise(8, 3));

        var e = dir.LoadFails(threads: 1);
        Assert.StartsWith(dir.In("train", classOfTheBomb, "0.png") + ":", e.Message);
        Assert.Contains("20000x20000", e.Message);
        Assert.Contains($"{ImageFolderReader.MaxImageSide} pixels", e.Message);
        Assert.DoesNotContain('\n', e.Message);
        Assert.Equal([], dir.Files("cache"));
    }

    [Fact]
    public void Png_larger_than_the_side_limit_is_refused_with_the_limit_named()
    {
        using var dir = new TempDir();
        Write(dir.In("train", "a", "0.png"), PngBytes.Declaring(PngBytes.Noise(2, 1), ImageFolderReader.MaxImageSide + 1, ImageFolderReader.MaxImageSide + 1));
        var e = dir.LoadFails(threads: 1);
        Assert.Contains($"{ImageFolderReader.MaxImageSide} pixels", e.Message);
    }

    [Fact]
    public void Png_cut_inside_its_image_data_is_reported()
    {
        using var dir = new TempDir();
        var png = PngBytes.WithSmallDataChunks(PngBytes.Noise(48, 4), 1024);
        Write(dir.In("train", "a", "0.png"), PngBytes.Noise(48, 5));
        Write(dir.In("train", "a", "1.png"), png[..(png.Length * 7 / 10)]);

        var e = dir.LoadFails(threads: 1);
        Assert.StartsWith(dir.In("train", "a", "1.png") + ":", e.Message);
        Assert.Contains("truncated", e.Message);
        Assert.DoesNotContain('\n', e.Message);
        Assert.Equal([], dir.Files("cache"));
    }

    [Fact]
    public void Jpeg_cut_inside_its_image_data_is_reported()
    {
        using var dir = new TempDir();
        using var noise = SixLabors.ImageSharp.Image.Load<SixLabors.ImageSharp.PixelFormats.Rgb24>(PngBytes.Noise(48, 7));
        using var buffer = new MemoryStream();
        SixLabors.ImageSharp.ImageExtensions.SaveAsJpeg(noise, buffer);
        var jpeg = buffer.ToArray();
        Write(dir.In("train", "a", "0.jpg"), jpeg);
        Write(dir.In("train", "a", "1.jpg"), jpeg[..(jpeg.Length * 7 / 10)]);

        var e = dir.LoadFails(threads: 1);
        Assert.StartsWith(dir.In("train", "a", "1.jpg") + ":", e.Message);
        Assert.Contains("truncated", e.Message);
        Assert.Equal([], dir.Files("cache"));
    }

    [Fact]
    public void Complete_png_with_bytes_after_its_end_is_read()
    {
        using var dir = new TempDir();
        var png = PngBytes.WithSmallDataChunks(PngBytes.Noise(16, 6), 100);
        Write(dir.In("train", "a", "0.png"), [.. png, .. "trailing bytes"u8]);
        using var dataset = ImageFolderReader.Load(dir.Path, "train", dir.In("cache"), 1);
        Assert.Equal([1L, 3, 16, 16], dataset.Images.shape);
    }

    /// <summary>A 74-byte BMP: a 54-byte header declaring 4000×4000 at 24 bits, then 20 bytes of pixels.</summary>
    private static byte[] ShortBmp()
    {
        var bmp = new byte[74];
        "BM"u8.CopyTo(bmp);
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(2), bmp.Length);
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(10), 54);
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(14), 40);
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(18), 4000);
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(22), 4000);
        BinaryPrimitives.WriteInt16LittleEndian(bmp.AsSpan(26), 1);
        BinaryPrimitives.WriteInt16LittleEndian(bmp.AsSpan(28), 24);
        for (var i = 54; i < bmp.Length; i++) bmp[i] = 0x7F;
        return bmp;
    }

    /// <summary>A well-formed PNG declaring 4096×4096 RGB whose one IDAT chunk holds a complete zlib stream of 64 rows, then IEND.</summary>
    private static byte[] PngOf64Rows()
    {
        var ihdr = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(ihdr, 4096);
        BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(4), 4096);
        ihdr[8] = 8;  // bits per sample
        ihdr[9] = 2;  // RGB
        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            var row = new byte[1 + 3 * 4096];
            for (var i = 1; i < row.Length; i++) row[i] = (byte)i;
            for (var y = 0; y < 64; y++) zlib.Write(row);
        }
        return PngBytes.Build([("IHDR", ihdr), ("IDAT", compressed.ToArray()), ("IEND", [])]);
    }

    /// <summary>A TGA header declaring 60000×10 uncompressed 24-bit pixels, with 30 bytes of data.</summary>
    private static byte[] WideTga()
    {
        var tga = new byte[18 + 30];
        tga[2] = 2;
        BinaryPrimitives.WriteUInt16LittleEndian(tga.AsSpan(12), 60000);
        BinaryPrimitives.WriteUInt16LittleEndian(tga.AsSpan(14), 10);
        tga[16] = 24;
        return tga;
    }

    public static TheoryData<string, string> ShorterThanTheirHeader() => new()
    {
        { "short.bmp", "the BMP file is truncated (its pixel data needs 48000000 bytes, the file has 20)" },
        { "rows.png", "the PNG file's image data ends after 64 of 4096 rows" },
        { "wide.tga", "image is 60000x10; images larger than 4096 pixels a side are not read" },
    };

    private static byte[] Hostile(string name) => name switch
    {
        "short.bmp" => ShortBmp(),
        "rows.png" => PngOf64Rows(),
        _ => WideTga(),
    };

    [Theory]
    [MemberData(nameof(ShorterThanTheirHeader))]
    public void An_image_shorter_than_its_header_is_refused_with_one_line_naming_it(string name, string expected)
    {
        using var dir = new TempDir();
        var file = dir.In("train", "a", name);
        Write(file, Hostile(name));

        var e = dir.LoadFails(threads: 1);
        Assert.Equal($"{file}: {expected}", e.Message);
        Assert.Equal([], dir.Files("cache"));

        // With --image-size (no size to agree with) and in predict, the same line.
        var resized = Assert.Throws<UserInputException>(() => ImageFolderReader.Load(dir.Path, "train", dir.In("cache"), 1, 8, out _));
        Assert.Equal($"{file}: {expected}", resized.Message);
        var info = ModelExport.ReadInfo(Exported(dir));
        var predicted = Assert.Throws<UserInputException>(() => Predictor.Preprocess(file, info));
        Assert.Equal($"{file}: {expected}", predicted.Message);
    }

    /// <summary>A 24×24 image of noise, so that every format's data is spread over the file.</summary>
    private static Image<Rgb24> Noise()
    {
        var rng = new Random(11);
        var image = new Image<Rgb24>(24, 24);
        for (var y = 0; y < 24; y++)
            for (var x = 0; x < 24; x++) image[x, y] = new Rgb24((byte)rng.Next(256), (byte)rng.Next(256), (byte)rng.Next(256));
        return image;
    }

    private static readonly Dictionary<string, IImageEncoder> Encoders = new()
    {
        ["a.bmp"] = new BmpEncoder { BitsPerPixel = BmpBitsPerPixel.Pixel24 },
        ["b.bmp"] = new BmpEncoder { BitsPerPixel = BmpBitsPerPixel.Pixel8 },
        ["c.gif"] = new GifEncoder(),
        ["d.tga"] = new TgaEncoder { BitsPerPixel = TgaBitsPerPixel.Pixel24, Compression = TgaCompression.None },
        ["e.tga"] = new TgaEncoder { BitsPerPixel = TgaBitsPerPixel.Pixel24, Compression = TgaCompression.RunLength },
        ["f.tif"] = new TiffEncoder(),
        ["g.tiff"] = new TiffEncoder { Compression = SixLabors.ImageSharp.Formats.Tiff.Constants.TiffCompression.Deflate },
        ["h.webp"] = new WebpEncoder { FileFormat = WebpFileFormatType.Lossless },
        ["i.webp"] = new WebpEncoder { FileFormat = WebpFileFormatType.Lossy },
        ["j.ppm"] = new PbmEncoder { ColorType = PbmColorType.Rgb, Encoding = PbmEncoding.Binary },
        ["k.ppm"] = new PbmEncoder { ColorType = PbmColorType.Rgb, Encoding = PbmEncoding.Plain },
        ["l.pgm"] = new PbmEncoder { ColorType = PbmColorType.Grayscale, Encoding = PbmEncoding.Binary },
        ["m.pbm"] = new PbmEncoder { ColorType = PbmColorType.BlackAndWhite, Encoding = PbmEncoding.Binary },
        ["n.pbm"] = new PbmEncoder { ColorType = PbmColorType.BlackAndWhite, Encoding = PbmEncoding.Plain },
        ["o.png"] = new PngEncoder(),
        ["p.png"] = new PngEncoder { InterlaceMethod = PngInterlaceMode.Adam7 },
        ["q.jpg"] = new JpegEncoder(),
    };

    public static TheoryData<string> EveryFormat() => [.. Encoders.Keys];

    private static byte[] Encoded(string name)
    {
        using var image = Noise();
        using var buffer = new MemoryStream();
        image.Save(buffer, Encoders[name]);
        return buffer.ToArray();
    }

    [Theory]
    [MemberData(nameof(EveryFormat))]
    public void Every_format_cut_short_is_refused_and_read_whole(string name)
    {
        using var dir = new TempDir();
        var bytes = Encoded(name);
        Write(dir.In("whole", "train", "a", name), bytes);
        using (var whole = ImageFolderReader.Load(dir.In("whole"), "train", dir.In("cache"), 1))
            Assert.Equal([1L, 3, 24, 24], whole.Images.shape);

        // PNG's data is cut at the zlib level, inside chunks that are whole, as the cut that reaches IEND.
        var cut = name.EndsWith(".png", StringComparison.Ordinal) ? CutImageData(bytes) : bytes[..(bytes.Length * 6 / 10)];
        var file = dir.In("cut", "train", "a", name);
        Write(file, cut);
        var e = Assert.Throws<UserInputException>(() => ImageFolderReader.Load(dir.In("cut"), "train", dir.In("cache"), 1));
        Assert.StartsWith($"{file}: ", e.Message);
        Assert.True(e.Message.Contains("truncated") || e.Message.Contains("ends after"), e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    /// <summary>The same PNG with its zlib stream cut to 60% (a complete, smaller IDAT chunk, then IEND).</summary>
    private static byte[] CutImageData(byte[] png)
    {
        var chunks = PngBytes.Chunks(png);
        var data = chunks.Where(c => c.Type == "IDAT").SelectMany(c => c.Data).ToArray();
        return PngBytes.Build(chunks.Where(c => c.Type != "IDAT" && c.Type != "IEND").Append(("IDAT", data[..(data.Length * 6 / 10)])).Append(("IEND", [])));
    }

    /// <summary>The encoded file with its header declaring <paramref name="width"/> pixels a side, each format where it keeps it.</summary>
    private static byte[] DeclaringWidth(string name, long width)
    {
        var bytes = Encoded(name);
        var span = bytes.AsSpan();
        switch (Path.GetExtension(name))
        {
            case ".png": BinaryPrimitives.WriteUInt32BigEndian(span[16..], (uint)width); return PngBytes.Build(PngBytes.Chunks(bytes));
            case ".bmp": BinaryPrimitives.WriteInt32LittleEndian(span[18..], (int)width); return bytes;
            case ".gif": BinaryPrimitives.WriteUInt16LittleEndian(span[6..], (ushort)width); return bytes;
            case ".tga": BinaryPrimitives.WriteUInt16LittleEndian(span[12..], (ushort)width); return bytes;
            case ".tif" or ".tiff": TiffWidth(bytes, width); return bytes;
            case ".jpg":
                var sof = span.IndexOf([(byte)0xFF, (byte)0xC0]);
                BinaryPrimitives.WriteUInt16BigEndian(span[(sof + 7)..], (ushort)width);
                return bytes;
            case ".ppm" or ".pgm" or ".pbm":
                var text = System.Text.Encoding.ASCII.GetString(bytes);
                var at = text.IndexOf("24 24", StringComparison.Ordinal);
                return [.. bytes[..at], .. System.Text.Encoding.ASCII.GetBytes($"{width} 24"), .. bytes[(at + 5)..]];
            default: throw new ArgumentException(name);
        }
    }

    /// <summary>Sets ImageWidth (tag 256) in the first directory of a little-endian TIFF.</summary>
    private static void TiffWidth(byte[] tiff, long width)
    {
        var ifd = BinaryPrimitives.ReadInt32LittleEndian(tiff.AsSpan(4));
        var count = BinaryPrimitives.ReadUInt16LittleEndian(tiff.AsSpan(ifd));
        for (var i = 0; i < count; i++)
        {
            var entry = tiff.AsSpan(ifd + 2 + 12 * i, 12);
            if (BinaryPrimitives.ReadUInt16LittleEndian(entry) != 256) continue;
            BinaryPrimitives.WriteUInt16LittleEndian(entry[2..], 4);  // LONG
            BinaryPrimitives.WriteUInt32LittleEndian(entry[8..], (uint)width);
            return;
        }
        throw new ArgumentException("no ImageWidth");
    }

    public static TheoryData<string, long> OversizeHeaders() => new()
    {
        { "o.png", 3_000_000_000 },   // past int.MaxValue
        { "o.png", 4097 },
        { "a.bmp", 60000 },
        { "c.gif", 60000 },
        { "d.tga", 60000 },           // 16 bits, past short.MaxValue
        { "f.tif", 3_000_000_000 },
        { "j.ppm", 60000 },
        { "j.ppm", 99_999_999_999 },
        { "q.jpg", 60000 },
    };

    [Theory]
    [MemberData(nameof(OversizeHeaders))]
    public void Every_format_declaring_more_than_the_side_limit_is_refused_with_the_size_read_whole(string name, long width)
    {
        using var dir = new TempDir();
        var file = dir.In("train", "a", name);
        Write(file, DeclaringWidth(name, width));
        var e = dir.LoadFails(threads: 1);
        Assert.Equal($"{file}: image is {width}x24; images larger than {ImageFolderReader.MaxImageSide} pixels a side are not read", e.Message);
    }
}
