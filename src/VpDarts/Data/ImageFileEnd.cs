using System.Buffers.Binary;

namespace VpDarts.Data;

/// <summary>
/// Tells whether a PNG or JPEG file runs to its end marker. Decoders fill the rows of a file that was cut short
/// with zeros and report no error, so a file must be checked for its end before it is decoded.
/// </summary>
internal static class ImageFileEnd
{
    /// <summary>Whether the PNG's chunks, followed by their lengths alone (no data is read), reach an IEND
    /// chunk.</summary>
    public static bool PngReachesEnd(Stream stream)
    {
        Span<byte> header = stackalloc byte[8];
        stream.Position = 8; // the signature
        while (true)
        {
            if (stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false) < header.Length) return false;
            if (header[4..].SequenceEqual("IEND"u8)) return true;
            var next = stream.Position + BinaryPrimitives.ReadUInt32BigEndian(header) + 4L; // data, then the CRC
            if (next > stream.Length) return false;
            stream.Position = next;
        }
    }

    /// <summary>
    /// Whether the JPEG's segments and entropy-coded data reach an EOI marker. Segments are skipped by their
    /// lengths; entropy-coded data is scanned for the next marker. Stray bytes between segments are passed over, as
    /// libjpeg does.
    /// </summary>
    public static bool JpegReachesEnd(Stream stream)
    {
        stream.Position = 0;
        if (stream.ReadByte() != 0xFF || stream.ReadByte() != 0xD8) return false;
        while (true)
        {
            int marker;
            do
            {
                marker = stream.ReadByte();
                if (marker < 0) return false;
            } while (marker != 0xFF);
            do marker = stream.ReadByte(); while (marker == 0xFF);
            switch (marker)
            {
                case < 0:
                    return false;
                case 0xD9:
                    return true;
                case 0x00 or 0x01 or (>= 0xD0 and <= 0xD7):
                    continue; // markers without a length
            }
            int high = stream.ReadByte(), low = stream.ReadByte();
            if (low < 0) return false;
            var next = stream.Position + ((high << 8) | low) - 2;
            if (next > stream.Length) return false;
            stream.Position = next;
            if (marker == 0xDA && !SkipEntropyCodedData(stream)) return false;
        }
    }

    /// <summary>Moves to the 0xFF that starts the marker ending a scan's data; false when the file ends
    /// first.</summary>
    private static bool SkipEntropyCodedData(Stream stream)
    {
        while (true)
        {
            var b = stream.ReadByte();
            if (b < 0) return false;
            if (b != 0xFF) continue;
            do b = stream.ReadByte(); while (b == 0xFF);
            if (b < 0) return false;
            if (b == 0x00 || b is >= 0xD0 and <= 0xD7) continue; // a stuffed 0xFF byte or a restart marker
            stream.Position -= 2;
            return true;
        }
    }
}
