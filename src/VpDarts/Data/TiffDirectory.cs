using System.Buffers.Binary;

namespace VpDarts.Data;

/// <summary>
/// What the first image directory (IFD) of a classic TIFF file says about its size and where its pixel data lies:
/// enough to check the size limit without wrapping and that every strip or tile lies inside the file.
/// </summary>
/// <param name="Width">ImageWidth.</param>
/// <param name="Height">ImageLength.</param>
/// <param name="Compression">Compression (1: none).</param>
/// <param name="BitsPerPixel">The sum of BitsPerSample over the samples of a pixel.</param>
/// <param name="Chunky">PlanarConfiguration 1: the samples of a pixel lie together.</param>
/// <param name="Tiled">Whether the data is in tiles rather than strips.</param>
/// <param name="Offsets">StripOffsets or TileOffsets.</param>
/// <param name="Counts">StripByteCounts or TileByteCounts.</param>
internal sealed record TiffDirectory(long Width, long Height, long Compression, long BitsPerPixel, bool Chunky,
    bool Tiled, long[] Offsets, long[] Counts)
{
    private const int MaxEntries = 4096;
    private const int MaxChunks = 1 << 20;

    /// <summary>The first directory of the TIFF file in <paramref name="stream"/>, or null when it cannot be read (the
    /// decoder then says why).</summary>
    public static TiffDirectory? Read(Stream stream)
    {
        Span<byte> header = stackalloc byte[8];
        if (ImageHeader.ReadAt(stream, 0, header) < 8) return null;
        bool little;
        if (header[0] == 'I' && header[1] == 'I') little = true;
        else if (header[0] == 'M' && header[1] == 'M') little = false;
        else return null;
        if (U16(header[2..], little) != 42) return null;  // 43 is BigTIFF, which ImageSharp 2.1 does not read
        var ifd = (long)U32(header[4..], little);
        Span<byte> count = stackalloc byte[2];
        if (ImageHeader.ReadAt(stream, ifd, count) < 2) return null;
        var entries = U16(count, little);
        if (entries > MaxEntries) return null;
        var table = new byte[entries * 12];
        if (ImageHeader.ReadAt(stream, ifd + 2, table) < table.Length) return null;

        long width = -1, height = -1, compression = 1, samples = 1, planar = 1;
        long[]? bits = null, stripOffsets = null, stripCounts = null, tileOffsets = null, tileCounts = null;
        for (var i = 0; i < entries; i++)
        {
            var entry = table.AsSpan(i * 12, 12);
            var tag = U16(entry, little);
            switch (tag)
            {
                case 256: width = First(ReadValues(stream, entry, little)); break;
                case 257: height = First(ReadValues(stream, entry, little)); break;
                case 258: bits = ReadValues(stream, entry, little); break;
                case 259: compression = First(ReadValues(stream, entry, little)); break;
                case 273: stripOffsets = ReadValues(stream, entry, little); break;
                case 277: samples = First(ReadValues(stream, entry, little)); break;
                case 279: stripCounts = ReadValues(stream, entry, little); break;
                case 284: planar = First(ReadValues(stream, entry, little)); break;
                case 324: tileOffsets = ReadValues(stream, entry, little); break;
                case 325: tileCounts = ReadValues(stream, entry, little); break;
            }
        }
        if (width < 0 || height < 0) return null;
        var bitsPerPixel =
            bits is null || bits.Length == 0 ? samples : bits.Length == 1 ? bits[0] * samples : bits.Sum();
        var tiled = tileOffsets is not null;
        return new TiffDirectory(width, height, compression, bitsPerPixel, planar == 1, tiled,
            (tiled ? tileOffsets : stripOffsets) ?? [], (tiled ? tileCounts : stripCounts) ?? []);
    }

    private static long First(long[]? values) => values is { Length: > 0 } ? values[0] : -1;

    /// <summary>The SHORT or LONG values of an entry, inline or at its offset; null for other types or unreadable
    /// ones.</summary>
    private static long[]? ReadValues(Stream stream, ReadOnlySpan<byte> entry, bool little)
    {
        var type = U16(entry[2..], little);
        var size = type switch { 3 => 2, 4 => 4, _ => 0 };
        var count = U32(entry[4..], little);
        if (size == 0 || count > MaxChunks) return null;
        var bytes = new byte[count * size];
        if (bytes.Length <= 4) entry.Slice(8, bytes.Length).CopyTo(bytes);
        else if (ImageHeader.ReadAt(stream, U32(entry[8..], little), bytes) < bytes.Length) return null;
        var values = new long[count];
        for (var i = 0; i < values.Length; i++)
            values[i] = size == 2 ? U16(bytes.AsSpan(i * 2), little) : U32(bytes.AsSpan(i * 4), little);
        return values;
    }

    private static ushort U16(ReadOnlySpan<byte> b, bool little)
        => little ? BinaryPrimitives.ReadUInt16LittleEndian(b) : BinaryPrimitives.ReadUInt16BigEndian(b);

    private static uint U32(ReadOnlySpan<byte> b, bool little)
        => little ? BinaryPrimitives.ReadUInt32LittleEndian(b) : BinaryPrimitives.ReadUInt32BigEndian(b);
}
