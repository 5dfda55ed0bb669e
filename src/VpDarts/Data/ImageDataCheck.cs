using System.Buffers;
using System.Buffers.Binary;
using System.IO.Compression;
using SixLabors.ImageSharp.Formats;
using SixLabors.ImageSharp.Formats.Bmp;
using SixLabors.ImageSharp.Formats.Gif;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Pbm;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.Formats.Tga;
using SixLabors.ImageSharp.Formats.Tiff;
using SixLabors.ImageSharp.Formats.Webp;

namespace VpDarts.Data;

/// <summary>
/// Tells whether an image file holds the pixel data its header declares. ImageSharp 2.1 decodes a file whose data
/// ends early without an error, the missing pixels left as zeros (a 74-byte BMP declaring 4000×4000 decodes), so every
/// file is checked before it is decoded: uncompressed data (BMP, TGA, binary Netpbm) by its size, run-length data
/// (BMP, TGA) by walking its runs, plain Netpbm by counting its numbers, PNG by inflating its image data and counting
/// the rows, GIF by counting the pixels its LZW codes give, JPEG by its end marker, and TIFF and WebP by the sizes in
/// their structure (strips or tiles, RIFF chunks). A WebP or compressed TIFF whose chunks are complete but whose
/// compressed stream holds too few pixels is not found.
/// </summary>
internal static class ImageDataCheck
{
    /// <summary>What is missing, as the end of an error line after the file's name; null when the data is complete or
    /// the check does not apply.</summary>
    public static string? Shortfall(Stream stream, IImageFormat format)
    {
        var length = stream.Length;
        return format switch
        {
            PngFormat => ImageFileEnd.PngReachesEnd(stream)
                ? Png(stream) : "the PNG file is truncated (it ends before its end marker)",
            JpegFormat => ImageFileEnd.JpegReachesEnd(stream)
                ? null : "the JPEG file is truncated (it ends before its end marker)",
            BmpFormat => Bmp(stream, length),
            TgaFormat => Tga(stream, length),
            PbmFormat => Pbm(stream, length),
            GifFormat => Gif(stream, length),
            WebpFormat => Webp(stream, length),
            TiffFormat => Tiff(stream, length),
            _ => null,
        };
    }

    private static string Truncated(string format, long needs, long has, string unit = "bytes") =>
        $"the {format} file is truncated (its pixel data needs {needs} {unit}, the file has {Math.Max(0, has)})";

    /// <summary>
    /// Inflates the IDAT chunks and counts the bytes against the filtered rows the header needs (a filter byte and
    /// the packed samples per row; for an interlaced image, the rows of the seven Adam7 passes).
    /// </summary>
    private static string? Png(Stream stream)
    {
        Span<byte> ihdr = stackalloc byte[13];
        if (ImageHeader.ReadAt(stream, 16, ihdr) < 13) return null;
        var width = (long)BinaryPrimitives.ReadUInt32BigEndian(ihdr);
        var height = (long)BinaryPrimitives.ReadUInt32BigEndian(ihdr[4..]);
        var samples = ihdr[9] switch { 0 => 1, 2 => 3, 3 => 1, 4 => 2, 6 => 4, _ => 0 };
        if (samples == 0) return null;
        var bitsPerPixel = samples * ihdr[8];
        long Row(long pixels) => 1 + (pixels * bitsPerPixel + 7) / 8;
        long needed;
        if (ihdr[12] == 0) needed = height * Row(width);
        else
        {
            (int X, int Y, int Dx, int Dy)[] passes =
                [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)];
            needed = 0;
            foreach (var (x, y, dx, dy) in passes)
            {
                long w = (width - x + dx - 1) / dx, h = (height - y + dy - 1) / dy;
                if (w > 0 && h > 0) needed += h * Row(w);
            }
        }

        using var data = new MemoryStream();
        Span<byte> chunk = stackalloc byte[8];
        for (long at = 8; ImageHeader.ReadAt(stream, at, chunk) == 8 && !chunk[4..].SequenceEqual("IEND"u8);)
        {
            var size = BinaryPrimitives.ReadUInt32BigEndian(chunk);
            if (chunk[4..].SequenceEqual("IDAT"u8))
            {
                stream.Position = at + 8;
                CopyBytes(stream, data, size);
            }
            at += 12L + size;
        }
        data.Position = 0;
        long inflated = 0;
        var buffer = ArrayPool<byte>.Shared.Rent(1 << 16);
        try
        {
            using var zlib = new ZLibStream(data, CompressionMode.Decompress);
            for (int n; inflated < needed && (n = zlib.Read(buffer)) > 0;) inflated += n;
        }
        catch (InvalidDataException)
        {
            return null;  // not a stream .NET inflates; the decoder says whether it can
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
        if (inflated >= needed) return null;
        return ihdr[12] == 0
            ? $"the PNG file's image data ends after {inflated / Row(width)} of {height} rows"
            : $"the PNG file's image data ends after {inflated} of the {needed} bytes its interlaced rows need";
    }

    private static void CopyBytes(Stream from, Stream to, long count)
    {
        var buffer = ArrayPool<byte>.Shared.Rent((int)Math.Min(count, 1 << 16));
        try
        {
            while (count > 0)
            {
                var n = from.Read(buffer, 0, (int)Math.Min(buffer.Length, count));
                if (n == 0) return;
                to.Write(buffer, 0, n);
                count -= n;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Uncompressed rows are padded to 4 bytes; RLE4 and RLE8 data must reach its end-of-bitmap marker or its
    /// last pixel.</summary>
    private static string? Bmp(Stream stream, long length)
    {
        Span<byte> h = stackalloc byte[34];
        if (ImageHeader.ReadAt(stream, 0, h) < 30) return null;
        var offset = (long)BinaryPrimitives.ReadUInt32LittleEndian(h[10..]);
        var dib = BinaryPrimitives.ReadUInt32LittleEndian(h[14..]);
        long width, height, bits, compression;
        if (dib == 12)
        {
            width = BinaryPrimitives.ReadUInt16LittleEndian(h[18..]);
            height = BinaryPrimitives.ReadUInt16LittleEndian(h[20..]);
            bits = BinaryPrimitives.ReadUInt16LittleEndian(h[24..]);
            compression = 0;
        }
        else
        {
            width = Math.Abs((long)BinaryPrimitives.ReadInt32LittleEndian(h[18..]));
            height = Math.Abs((long)BinaryPrimitives.ReadInt32LittleEndian(h[22..]));
            bits = BinaryPrimitives.ReadUInt16LittleEndian(h[28..]);
            compression = dib >= 20 ? BinaryPrimitives.ReadUInt32LittleEndian(h[30..]) : 0;
        }
        if (compression is 1 or 2) return BmpRunLength(stream, length, offset, width, height, compression == 2);
        if (compression is not (0 or 3 or 6) || bits is not (1 or 2 or 4 or 8 or 16 or 24 or 32)) return null;
        var needed = (width * bits + 31) / 32 * 4 * height;
        return length - offset < needed ? Truncated("BMP", needed, length - offset) : null;
    }

    private static string? BmpRunLength(Stream stream, long length, long offset, long width, long height, bool fourBit)
    {
        const string cut = "the BMP file is truncated (its run-length data ends before its end-of-bitmap marker)";
        stream.Position = offset;
        long x = 0, y = 0;
        while (y < height)
        {
            int count = stream.ReadByte(), value = stream.ReadByte();
            if (value < 0) return y == height - 1 && x >= width ? null : cut;
            if (count > 0) { x += count; continue; }
            switch (value)
            {
                case 0: x = 0; y++; break;
                case 1: return null;
                case 2:
                    int dx = stream.ReadByte(), dy = stream.ReadByte();
                    if (dy < 0) return cut;
                    x += dx;
                    y += dy;
                    break;
                default:
                    var bytes = fourBit ? (value + 1) / 2 : value;
                    bytes += bytes & 1;
                    if (stream.Position + bytes > length) return cut;
                    stream.Position += bytes;
                    x += value;
                    break;
            }
        }
        return null;
    }

    /// <summary>Image types 1–3 are uncompressed; 9–11 are packets of a header byte and one or up to 128
    /// pixels.</summary>
    private static string? Tga(Stream stream, long length)
    {
        Span<byte> h = stackalloc byte[18];
        if (ImageHeader.ReadAt(stream, 0, h) < 18) return null;
        long width = BinaryPrimitives.ReadUInt16LittleEndian(h[12..]),
            height = BinaryPrimitives.ReadUInt16LittleEndian(h[14..]);
        var colourMap = h[1] == 1 ? BinaryPrimitives.ReadUInt16LittleEndian(h[5..]) * ((h[7] + 7L) / 8) : 0;
        var offset = 18L + h[0] + colourMap;
        var bytesPerPixel = (h[16] + 7L) / 8;
        var pixels = width * height;
        if (h[2] is 1 or 2 or 3)
            return length - offset < pixels * bytesPerPixel
                ? Truncated("TGA", pixels * bytesPerPixel, length - offset) : null;
        if (h[2] is not (9 or 10 or 11) || bytesPerPixel == 0) return null;
        stream.Position = offset;
        long done = 0;
        while (done < pixels)
        {
            var packet = stream.ReadByte();
            if (packet < 0) break;
            var count = (packet & 0x7f) + 1;
            var bytes = (packet & 0x80) != 0 ? bytesPerPixel : count * bytesPerPixel;
            if (stream.Position + bytes > length) break;
            stream.Position += bytes;
            done += count;
        }
        return done >= pixels
            ? null : $"the TGA file is truncated (its run-length data ends after {done} of its {pixels} pixels)";
    }

    /// <summary>Binary data by its size (rows of bitmaps padded to bytes, two bytes a sample above 255); plain data by
    /// counting its numbers.</summary>
    private static string? Pbm(Stream stream, long length)
    {
        var header = PbmHeader.Read(stream);
        if (header is null) return null;
        var samples = header.Width * header.Height * header.Samples;
        if (!header.Plain)
        {
            var needed = header.Kind == 4
                ? (header.Width + 7) / 8 * header.Height : samples * (header.MaxValue > 255 ? 2 : 1);
            return length - header.DataOffset < needed
                ? Truncated(header.Name, needed, length - header.DataOffset) : null;
        }
        stream.Position = header.DataOffset - 1;
        long found = 0;
        var inNumber = false;
        for (int b; found < samples && (b = stream.ReadByte()) >= 0;)
        {
            if (b == '#')
            {
                while (b is not ('\n' or '\r' or -1)) b = stream.ReadByte();
                inNumber = false;
                continue;
            }
            var digit = b is >= '0' and <= '9';
            if (digit && (header.Kind == 1 || !inNumber)) found++;  // a bitmap's digits need no space between them
            inNumber = digit;
        }
        return found < samples ? Truncated(header.Name, samples, found, "numbers") : null;
    }

    /// <summary>Walks the blocks to the first image and counts the pixels its LZW codes give.</summary>
    private static string? Gif(Stream stream, long length)
    {
        Span<byte> h = stackalloc byte[13];
        if (ImageHeader.ReadAt(stream, 0, h) < 13) return null;
        long at = 13 + ((h[10] & 0x80) != 0 ? 3L << ((h[10] & 7) + 1) : 0);
        while (true)
        {
            stream.Position = at;
            var block = stream.ReadByte();
            if (block == 0x21)
            {
                stream.ReadByte();
                if (!SkipSubBlocks(stream, length, null))
                    return "the GIF file is truncated (it ends inside an extension block)";
                at = stream.Position;
                continue;
            }
            if (block != 0x2C) return block < 0 ? "the GIF file is truncated (it ends before its first image)" : null;
            Span<byte> descriptor = stackalloc byte[9];
            if (stream.ReadAtLeast(descriptor, 9, throwOnEndOfStream: false) < 9)
                return "the GIF file is truncated (it ends inside its first image's descriptor)";
            var pixels = (long)BinaryPrimitives.ReadUInt16LittleEndian(descriptor[4..]) *
                BinaryPrimitives.ReadUInt16LittleEndian(descriptor[6..]);
            if ((descriptor[8] & 0x80) != 0) stream.Position += 3L << ((descriptor[8] & 7) + 1);
            var minimumCodeSize = stream.ReadByte();
            if (minimumCodeSize is < 1 or > 11) return null;
            using var data = new MemoryStream();
            SkipSubBlocks(stream, length, data);
            var decoded = LzwPixels(data.GetBuffer().AsSpan(0, (int)data.Length), minimumCodeSize, pixels);
            return decoded >= pixels
                ? null : $"the GIF file's image data ends after {decoded} of the {pixels} pixels of its first image";
        }
    }

    /// <summary>Reads sub-blocks up to the empty one, copying their data to <paramref name="data"/>; false when the
    /// file ends first.</summary>
    private static bool SkipSubBlocks(Stream stream, long length, MemoryStream? data)
    {
        while (true)
        {
            var size = stream.ReadByte();
            if (size < 0) return false;
            if (size == 0) return true;
            if (data is null)
            {
                if (stream.Position + size > length) return false;
                stream.Position += size;
            }
            else CopyBytes(stream, data, size);
            if (stream.Position > length) return false;
        }
    }

    /// <summary>How many pixels GIF's variable-length LZW codes give, up to <paramref name="wanted"/>; only lengths are
    /// tracked.</summary>
    private static long LzwPixels(ReadOnlySpan<byte> data, int minimumCodeSize, long wanted)
    {
        var clear = 1 << minimumCodeSize;
        var lengths = new int[4096];
        for (var i = 0; i < clear; i++) lengths[i] = 1;
        int codeSize = minimumCodeSize + 1, next = clear + 2, previous = -1;
        long pixels = 0, bit = 0, bits = data.Length * 8L;
        while (pixels < wanted && bit + codeSize <= bits)
        {
            var code = 0;
            for (var i = 0; i < codeSize; i++, bit++)
                code |= ((data[(int)(bit >> 3)] >> (int)(bit & 7)) & 1) << i;
            if (code == clear)
            {
                codeSize = minimumCodeSize + 1;
                next = clear + 2;
                previous = -1;
                continue;
            }
            if (code == clear + 1) break;
            if (previous < 0)
            {
                if (code > clear) break;
                pixels += lengths[code];
                previous = code;
                continue;
            }
            if (code > next) break;
            var entry = lengths[previous] + 1;
            pixels += code < next ? lengths[code] : entry;
            if (next < 4096)
            {
                lengths[next++] = entry;
                if (next == 1 << codeSize && codeSize < 12) codeSize++;
            }
            previous = code;
        }
        return pixels;
    }

    /// <summary>The RIFF size and every chunk must lie inside the file.</summary>
    private static string? Webp(Stream stream, long length)
    {
        Span<byte> h = stackalloc byte[8];
        if (ImageHeader.ReadAt(stream, 0, h) < 8) return null;
        var riff = 8L + BinaryPrimitives.ReadUInt32LittleEndian(h[4..]);
        if (riff > length)
            return $"the WebP file is truncated (its RIFF header declares {riff} bytes, the file has {length})";
        for (long at = 12; at + 8 <= riff;)
        {
            ImageHeader.ReadAt(stream, at, h);
            var end = at + 8 + BinaryPrimitives.ReadUInt32LittleEndian(h[4..]);
            if (end > length)
                return $"the WebP file is truncated (its '{System.Text.Encoding.ASCII.GetString(h[..4]).TrimEnd()}' " +
                    $"chunk ends at byte {end}, the file has {length})";
            at = end + (end & 1);
        }
        return null;
    }

    /// <summary>Every strip or tile must lie inside the file; uncompressed strips must hold every row.</summary>
    private static string? Tiff(Stream stream, long length)
    {
        Span<byte> h = stackalloc byte[8];
        if (ImageHeader.ReadAt(stream, 0, h) == 8 && h[2] + h[3] == 42)
        {
            var ifd = h[0] == 'I'
                ? BinaryPrimitives.ReadUInt32LittleEndian(h[4..]) : BinaryPrimitives.ReadUInt32BigEndian(h[4..]);
            if (ifd + 2L > length)
                return $"the TIFF file is truncated (its image directory starts at byte {ifd}, the file has {length})";
        }
        var tiff = TiffDirectory.Read(stream);
        if (tiff is null) return null;
        var what = tiff.Tiled ? "tile" : "strip";
        for (var i = 0; i < Math.Min(tiff.Offsets.Length, tiff.Counts.Length); i++)
            if (tiff.Offsets[i] + tiff.Counts[i] > length)
                return $"the TIFF file is truncated ({what} {i} ends at byte {tiff.Offsets[i] + tiff.Counts[i]}, the " +
                    $"file has {length})";
        if (tiff.Compression != 1 || tiff.Tiled || !tiff.Chunky || tiff.Counts.Length == 0) return null;
        var needed = (tiff.Width * tiff.BitsPerPixel + 7) / 8 * tiff.Height;
        var held = tiff.Counts.Sum();
        return held < needed
            ? $"the TIFF file's strips hold {held} bytes, its uncompressed pixels need {needed}" : null;
    }
}
