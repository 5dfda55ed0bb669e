using System.Security.Cryptography;
using VpDarts.Runtime;

namespace VpDarts.Data;

/// <summary>
/// A decoded dataset split stored as one binary file: a small header (shape, class names, statistics), the labels,
/// then the raw uint8 pixels, which load straight into the tensor's memory. Files are written atomically.
/// </summary>
internal static class DatasetCache
{
    private static readonly byte[] Magic = "VPDARTS-CACHE-01"u8.ToArray();

    /// <summary>A hex key (32 characters) of the given lines, e.g. relative paths with sizes and times.</summary>
    public static string Key(IEnumerable<string> lines)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var line in lines)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(line));
            hash.AppendData("\n"u8);
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset())[..32];
    }

    /// <summary>Writes a dataset to <paramref name="path"/> atomically.</summary>
    public static void Write(string path, ImageDataset dataset) => AtomicFile.Write(path, stream =>
    {
        using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
        writer.Write(Magic);
        writer.Write(dataset.Name);
        foreach (var d in dataset.Images.shape) writer.Write(d);
        writer.Write(dataset.ClassCount);
        foreach (var name in dataset.ClassNames) writer.Write(name);
        foreach (var v in dataset.Mean) writer.Write(v);
        foreach (var v in dataset.Std) writer.Write(v);
        foreach (var label in dataset.LabelArray) writer.Write(label);
        writer.Flush();
        stream.Write(dataset.Images.bytes);
    });

    /// <summary>
    /// Writes a dataset like <see cref="Write"/>, but a cache that cannot be written (read-only folder, full disk) only
    /// costs time on the next load, so the failure is swallowed; returns whether the file was written.
    /// </summary>
    public static bool TryWrite(string path, ImageDataset dataset)
    {
        try
        {
            Write(path, dataset);
            return true;
        }
        catch (UserInputException e) when (e.InnerException is IOException
            or UnauthorizedAccessException) { return false; }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return false; }
    }

    /// <summary>Reads only the header statistics of a cache file, or null when it is absent or unreadable.</summary>
    public static (float[] Mean, float[] Std)? TryReadStatistics(string path)
    {
        try
        {
            if (!File.Exists(path)) return null;
            using var stream = File.OpenRead(path);
            using var reader = new BinaryReader(stream, Encoding.UTF8);
            var header = ReadHeader(reader);
            return header is null ? null : (header.Value.Mean, header.Value.Std);
        }
        catch (Exception e) when (e is IOException or EndOfStreamException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Loads a cache file, or returns null when it is absent or not a complete cache of this format.</summary>
    public static ImageDataset? TryRead(string path)
    {
        if (!File.Exists(path)) return null;
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
            using var reader = new BinaryReader(stream, Encoding.UTF8, leaveOpen: true);
            var header = ReadHeader(reader);
            if (header is null) return null;
            var h = header.Value;
            var labels = new long[h.Shape[0]];
            var labelBytes = System.Runtime.InteropServices.MemoryMarshal.AsBytes(labels.AsSpan());
            stream.ReadExactly(labelBytes);
            if (labels.Any(l => l < 0 || l >= h.ClassNames.Length)) return null;
            var expected = h.Shape.Aggregate(1L, (a, b) => a * b);
            if (stream.Length - stream.Position != expected) return null;
            var images = TensorBytes.FromStream(stream, h.Shape);
            var labelTensor = tensor(labels, dtype: ScalarType.Int64);
            return new ImageDataset(h.Name, images, labelTensor, h.ClassNames, h.Mean, h.Std);
        }
        catch (Exception e) when (e is IOException or EndOfStreamException or UnauthorizedAccessException
            or ArgumentException)
        {
            return null;
        }
    }

    private static (string Name, long[] Shape, string[] ClassNames, float[] Mean, float[] Std)? ReadHeader(
        BinaryReader reader)
    {
        var magic = reader.ReadBytes(Magic.Length);
        if (!magic.AsSpan().SequenceEqual(Magic)) return null;
        var name = reader.ReadString();
        var shape = new long[4];
        for (var i = 0; i < 4; i++) shape[i] = reader.ReadInt64();
        if (shape.Any(d => d < 0) || shape[1] is < 1 or > 4) return null;
        var classCount = reader.ReadInt32();
        if (classCount is < 1 or > 100_000) return null;
        var classNames = new string[classCount];
        for (var i = 0; i < classCount; i++) classNames[i] = reader.ReadString();
        var mean = new float[shape[1]];
        var std = new float[shape[1]];
        for (var i = 0; i < mean.Length; i++) mean[i] = reader.ReadSingle();
        for (var i = 0; i < std.Length; i++) std[i] = reader.ReadSingle();
        return (name, shape, classNames, mean, std);
    }
}
