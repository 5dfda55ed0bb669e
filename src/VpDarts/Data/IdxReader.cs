using System.Buffers.Binary;
using System.IO.Compression;
using VpDarts.Runtime;

namespace VpDarts.Data;

/// <summary>
/// Reads IDX files (the MNIST / Fashion-MNIST format): big-endian magic 2051 for uint8 images
/// <c>[N, rows, cols]</c> and 2049 for uint8 labels <c>[N]</c>, plain or gzip-compressed.
/// </summary>
public static class IdxReader
{
    /// <summary>Magic number of an IDX image file (unsigned bytes, 3 dimensions).</summary>
    public const int ImagesMagic = 2051;

    /// <summary>Magic number of an IDX label file (unsigned bytes, 1 dimension).</summary>
    public const int LabelsMagic = 2049;

    /// <summary>Reads a grey-scale dataset from an image file and a label file (each plain or <c>.gz</c>).</summary>
    /// <param name="imagesPath">The <c>*-idx3-ubyte[.gz]</c> file.</param>
    /// <param name="labelsPath">The <c>*-idx1-ubyte[.gz]</c> file.</param>
    /// <param name="name">Dataset name.</param>
    /// <param name="classNames">Class names; every label must be below their count.</param>
    /// <param name="mean">Channel mean (0..1), or null to compute it from these images.</param>
    /// <param name="std">Channel standard deviation (0..1), or null to compute it from these images.</param>
    /// <exception cref="UserInputException">A file is missing, truncated, has the wrong magic, or a label is out of
    /// range.</exception>
    public static ImageDataset Load(string imagesPath, string labelsPath, string name, IReadOnlyList<string> classNames,
        float[]? mean = null, float[]? std = null)
    {
        using var images = Open(imagesPath);
        using var labels = Open(labelsPath);
        return Load(images, imagesPath, labels, labelsPath, name, classNames, mean, std);
    }

    /// <summary>Reads a grey-scale dataset from two streams (plain or gzip); the labels name the files in
    /// errors.</summary>
    public static ImageDataset Load(Stream images, string imagesLabel, Stream labels, string labelsLabel, string name,
        IReadOnlyList<string> classNames, float[]? mean = null, float[]? std = null)
    {
        var (pixels, count, rows, cols) = ReadImages(images, imagesLabel);
        if (rows != cols)
            throw new UserInputException($"{imagesLabel}: images are {rows}x{cols}; only square images are supported");
        var labelBytes = ReadLabels(labels, labelsLabel);
        if (labelBytes.Length != count)
            throw new UserInputException(
                $"{labelsLabel}: holds {labelBytes.Length} labels but {imagesLabel} holds {count} images");
        var labelArray = new long[count];
        for (var i = 0; i < count; i++)
        {
            if (labelBytes[i] >= classNames.Count)
                throw new UserInputException(
                    $"{labelsLabel}: record {i}: label {labelBytes[i]} is out of range 0..{classNames.Count - 1}");
            labelArray[i] = labelBytes[i];
        }
        if (mean is null || std is null) (mean, std) = DatasetStatistics.Compute(pixels, 1, rows * cols);
        return ImageDataset.FromBytes(name, pixels, count, 1, rows, labelArray, classNames, mean, std);
    }

    /// <summary>Reads an IDX image file: pixel bytes <c>[N, rows, cols]</c>.</summary>
    /// <exception cref="UserInputException">Wrong magic, bad sizes or truncated data.</exception>
    public static (byte[] Pixels, int Count, int Rows, int Cols) ReadImages(Stream stream, string label)
    {
        using var input = Decompressed(stream);
        var header = ReadHeader(input, label, ImagesMagic, 3);
        var (count, rows, cols) = (header[0], header[1], header[2]);
        if (rows <= 0 || cols <= 0) throw new UserInputException($"{label}: invalid image size {rows}x{cols}");
        var total = (long)count * rows * cols;
        if (total > Array.MaxLength)
            throw new UserInputException($"{label}: too large ({count} images of {rows}x{cols})");
        var pixels = GC.AllocateUninitializedArray<byte>((int)total);
        ReadBody(input, pixels, label, rows * cols, "image");
        return (pixels, count, rows, cols);
    }

    /// <summary>Reads an IDX label file: one byte per record.</summary>
    /// <exception cref="UserInputException">Wrong magic or truncated data.</exception>
    public static byte[] ReadLabels(Stream stream, string label)
    {
        using var input = Decompressed(stream);
        var count = ReadHeader(input, label, LabelsMagic, 1)[0];
        var labels = new byte[count];
        ReadBody(input, labels, label, 1, "label");
        return labels;
    }

    /// <summary>Opens an IDX file; when <paramref name="path"/> is missing, tries the name with or without
    /// <c>.gz</c>.</summary>
    public static Stream Open(string path)
    {
        var alternative = path.EndsWith(".gz", StringComparison.Ordinal) ? path[..^3] : path + ".gz";
        var actual = File.Exists(path) ? path : File.Exists(alternative) ? alternative
            : throw new UserInputException($"{path}: file not found");
        RegularFile.Require(actual);
        return new FileStream(actual, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
    }

    /// <summary>Whether the file exists as given or with/without a <c>.gz</c> suffix.</summary>
    public static bool Exists(string path) =>
        File.Exists(path) || File.Exists(path.EndsWith(".gz", StringComparison.Ordinal) ? path[..^3] : path + ".gz");

    private static Stream Decompressed(Stream stream)
    {
        var buffered = new BufferedStream(stream, 1 << 16);
        Span<byte> magic = stackalloc byte[2];
        var read = 0;
        while (read < 2)
        {
            var n = buffered.Read(magic[read..]);
            if (n == 0) break;
            read += n;
        }
        var prefix = magic[..read].ToArray();
        var replay = new PrefixedStream(prefix, buffered);
        return read == 2 && prefix[0] == 0x1f && prefix[1] == 0x8b
            ? new GZipStream(replay, CompressionMode.Decompress)
            : replay;
    }

    private static int[] ReadHeader(Stream input, string label, int magic, int dims)
    {
        var header = new byte[4 + 4 * dims];
        var got = ReadUpTo(input, header, label);
        if (got < header.Length)
            throw new UserInputException(
                $"{label}: truncated: the header needs {header.Length} bytes, the file has {got}");
        var actualMagic = BinaryPrimitives.ReadInt32BigEndian(header);
        if (actualMagic != magic)
            throw new UserInputException($"{label}: wrong magic number {actualMagic} (expected {magic}); not an IDX " +
                $"{(magic == ImagesMagic ? "image" : "label")} file");
        var sizes = new int[dims];
        for (var d = 0; d < dims; d++)
        {
            sizes[d] = BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(4 + 4 * d));
            if (sizes[d] < 0) throw new UserInputException($"{label}: negative dimension {sizes[d]} in the header");
        }
        return sizes;
    }

    private static void ReadBody(Stream input, byte[] target, string label, int recordSize, string what)
    {
        var got = ReadUpTo(input, target, label);
        if (got < target.Length)
            throw new UserInputException(
                $"{label}: truncated: {what} record {got / recordSize} is incomplete ({got} of {target.Length} data " +
                "bytes present)");
    }

    private static int ReadUpTo(Stream input, byte[] target, string label)
    {
        var total = 0;
        try
        {
            while (total < target.Length)
            {
                var n = input.Read(target, total, target.Length - total);
                if (n == 0) break;
                total += n;
            }
        }
        catch (InvalidDataException e)
        {
            throw new UserInputException(
                $"{label}: corrupt gzip data after {total} bytes: {DatasetDownloader.OneLine(e.Message)}", e);
        }
        catch (EndOfStreamException)
        {
            // a cut gzip stream ends early; the caller reports the missing records
        }
        return total;
    }

    /// <summary>Replays bytes already read for sniffing, then continues with the inner stream.</summary>
    private sealed class PrefixedStream(byte[] prefix, Stream inner) : Stream
    {
        private int _position;
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));
        public override int Read(Span<byte> buffer)
        {
            if (_position >= prefix.Length) return inner.Read(buffer);
            var n = Math.Min(buffer.Length, prefix.Length - _position);
            prefix.AsSpan(_position, n).CopyTo(buffer);
            _position += n;
            return n;
        }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        protected override void Dispose(bool disposing)
        {
            if (disposing) inner.Dispose();
            base.Dispose(disposing);
        }
    }
}
