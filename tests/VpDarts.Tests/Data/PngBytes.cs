using System.Buffers.Binary;
using System.Text;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace VpDarts.Tests.Data;

/// <summary>Builds and rewrites PNG files chunk by chunk (with valid CRCs) to make malformed ones.</summary>
internal static class PngBytes
{
    private static readonly byte[] Signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>A PNG of deterministic noise (noise compresses badly, so the image data is most of the file).</summary>
    public static byte[] Noise(int size, int seed)
    {
        var rng = new Random(seed);
        using var image = new Image<Rgb24>(size, size);
        for (var y = 0; y < size; y++)
            for (var x = 0; x < size; x++)
                image[x, y] = new Rgb24((byte)rng.Next(256), (byte)rng.Next(256), (byte)rng.Next(256));
        using var buffer = new MemoryStream();
        image.SaveAsPng(buffer);
        return buffer.ToArray();
    }

    /// <summary>The chunks of a PNG as (type, data).</summary>
    public static List<(string Type, byte[] Data)> Chunks(byte[] png)
    {
        var chunks = new List<(string, byte[])>();
        for (var at = Signature.Length; at < png.Length;)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(at));
            chunks.Add((Encoding.ASCII.GetString(png, at + 4, 4), png[(at + 8)..(at + 8 + length)]));
            at += 12 + length;
        }
        return chunks;
    }

    /// <summary>A PNG of the given chunks.</summary>
    public static byte[] Build(IEnumerable<(string Type, byte[] Data)> chunks)
    {
        using var buffer = new MemoryStream();
        buffer.Write(Signature);
        Span<byte> word = stackalloc byte[4];
        foreach (var (type, data) in chunks)
        {
            BinaryPrimitives.WriteInt32BigEndian(word, data.Length);
            buffer.Write(word);
            var typed = Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
            buffer.Write(typed);
            BinaryPrimitives.WriteUInt32BigEndian(word, Crc32(typed));
            buffer.Write(word);
        }
        return buffer.ToArray();
    }

    /// <summary>The same PNG with its header declaring another width and height (the image data is left as it is).</summary>
    public static byte[] Declaring(byte[] png, int width, int height) => Build(Chunks(png).Select(c =>
    {
        if (c.Type != "IHDR") return c;
        var data = c.Data.ToArray();
        BinaryPrimitives.WriteInt32BigEndian(data, width);
        BinaryPrimitives.WriteInt32BigEndian(data.AsSpan(4), height);
        return (c.Type, data);
    }));

    /// <summary>The same PNG with its image data split into IDAT chunks of at most <paramref name="size"/> bytes, as libpng writes them.</summary>
    public static byte[] WithSmallDataChunks(byte[] png, int size)
    {
        var chunks = Chunks(png);
        var data = chunks.Where(c => c.Type == "IDAT").SelectMany(c => c.Data).ToArray();
        var split = Enumerable.Range(0, (data.Length + size - 1) / size).Select(i => ("IDAT", data[(i * size)..Math.Min(data.Length, (i + 1) * size)]));
        var firstData = chunks.FindIndex(c => c.Type == "IDAT");
        return Build(chunks.Take(firstData).Concat(split).Concat(chunks.Skip(firstData).Where(c => c.Type != "IDAT")));
    }

    private static uint Crc32(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++) crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
        }
        return ~crc;
    }
}
