namespace VpDarts.Data;

/// <summary>
/// The header of a Netpbm file (<c>P1</c> to <c>P6</c>): magic, width, height and, except for bitmaps, the largest
/// sample value, as whitespace-separated decimal numbers with <c>#</c> comments between them. Numbers are read into
/// 64 bits and saturate, so that no size wraps.
/// </summary>
/// <param name="Kind">The digit of the magic: 1–3 plain (text) bitmap, greymap, pixmap; 4–6 the same in binary.</param>
/// <param name="Width">Declared width.</param>
/// <param name="Height">Declared height.</param>
/// <param name="MaxValue">Largest sample value (1 for bitmaps).</param>
/// <param name="DataOffset">Where the pixel data starts: one whitespace byte after the last header number.</param>
internal sealed record PbmHeader(int Kind, long Width, long Height, long MaxValue, long DataOffset)
{
    /// <summary>The format's name: PBM, PGM or PPM.</summary>
    public string Name => ((Kind - 1) % 3) switch { 0 => "PBM", 1 => "PGM", _ => "PPM" };

    /// <summary>Samples per pixel: 3 for pixmaps, else 1.</summary>
    public int Samples => Kind is 3 or 6 ? 3 : 1;

    /// <summary>Whether the pixel data is text.</summary>
    public bool Plain => Kind <= 3;

    /// <summary>The header of the file in <paramref name="stream"/>, or null when it is not a readable Netpbm
    /// header.</summary>
    public static PbmHeader? Read(Stream stream)
    {
        stream.Position = 0;
        if (stream.ReadByte() != 'P') return null;
        var kind = stream.ReadByte() - '0';
        if (kind is < 1 or > 6) return null;
        var width = Number(stream);
        var height = Number(stream);
        var max = kind is 1 or 4 ? 1 : Number(stream);
        if (width < 0 || height < 0 || max < 0) return null;
        return new PbmHeader(kind, width, height, max, stream.Position + 1);
    }

    /// <summary>The next decimal number after whitespace and comments, saturating at <see cref="long.MaxValue"/>; −1 if
    /// there is none.</summary>
    private static long Number(Stream stream)
    {
        int b;
        while (true)
        {
            b = stream.ReadByte();
            if (b == '#')
                while (b is not ('\n' or '\r' or -1)) b = stream.ReadByte();
            if (b is ' ' or '\t' or '\n' or '\r' or '\v' or '\f') continue;
            break;
        }
        if (b is < '0' or > '9') return -1;
        long value = 0;
        while (b is >= '0' and <= '9')
        {
            value = value > (long.MaxValue - 9) / 10 ? long.MaxValue : value * 10 + (b - '0');
            b = stream.ReadByte();
        }
        if (b >= 0) stream.Position--;
        return value;
    }
}
