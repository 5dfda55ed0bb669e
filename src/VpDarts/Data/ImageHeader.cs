using System.Buffers.Binary;
using SixLabors.ImageSharp.Formats;
using SixLabors.ImageSharp.Formats.Bmp;
using SixLabors.ImageSharp.Formats.Gif;
using SixLabors.ImageSharp.Formats.Pbm;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.Formats.Tga;
using SixLabors.ImageSharp.Formats.Tiff;

namespace VpDarts.Data;

/// <summary>
/// The width and height an image file's header declares, read from its bytes as unsigned or 64-bit numbers. ImageSharp
/// 2.1 reads some of them into signed 16- or 32-bit fields (a TGA of 60000 pixels a side comes back as −5536), so the
/// size limit is checked on these values instead.
/// </summary>
internal static class ImageHeader
{
    /// <summary>The declared size, or null for formats whose sizes cannot wrap (JPEG, WebP) or a header too short to
    /// hold one.</summary>
    public static (long Width, long Height)? DeclaredSize(Stream stream, IImageFormat format)
    {
        Span<byte> h = stackalloc byte[30];
        var n = ReadAt(stream, 0, h);
        switch (format)
        {
            case PngFormat when n >= 24:
                return (BinaryPrimitives.ReadUInt32BigEndian(h[16..]), BinaryPrimitives.ReadUInt32BigEndian(h[20..]));
            case BmpFormat when n >= 26:
                var dib = BinaryPrimitives.ReadUInt32LittleEndian(h[14..]);
                if (dib == 12)
                    return (BinaryPrimitives.ReadUInt16LittleEndian(h[18..]),
                        BinaryPrimitives.ReadUInt16LittleEndian(h[20..]));
                return (Math.Abs((long)BinaryPrimitives.ReadInt32LittleEndian(h[18..])),
                    Math.Abs((long)BinaryPrimitives.ReadInt32LittleEndian(h[22..])));
            case GifFormat when n >= 10:
                return (BinaryPrimitives.ReadUInt16LittleEndian(h[6..]),
                    BinaryPrimitives.ReadUInt16LittleEndian(h[8..]));
            case TgaFormat when n >= 16:
                return (BinaryPrimitives.ReadUInt16LittleEndian(h[12..]),
                    BinaryPrimitives.ReadUInt16LittleEndian(h[14..]));
            case PbmFormat:
                var pbm = PbmHeader.Read(stream);
                return pbm is null ? null : (pbm.Width, pbm.Height);
            case TiffFormat:
                var tiff = TiffDirectory.Read(stream);
                return tiff is null ? null : (tiff.Width, tiff.Height);
            default:
                return null;
        }
    }

    /// <summary>Reads up to <c>buffer.Length</c> bytes at <paramref name="position"/>; returns how many there
    /// were.</summary>
    public static int ReadAt(Stream stream, long position, Span<byte> buffer)
    {
        if (position < 0 || position >= stream.Length) return 0;
        stream.Position = position;
        return stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
    }
}
