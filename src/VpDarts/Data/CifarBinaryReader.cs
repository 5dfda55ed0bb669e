namespace VpDarts.Data;

/// <summary>
/// Reads the official binary versions of CIFAR-10 (<c>cifar-10-batches-bin</c>: records of one label byte and
/// 3,072 pixel bytes) and CIFAR-100 (<c>cifar-100-binary</c>: coarse byte, fine byte, 3,072 pixel bytes; the fine
/// labels are used). Pixels are stored channel-planar (1,024 R, then G, then B), as the tensor wants them.
/// </summary>
public static class CifarBinaryReader
{
    /// <summary>Pixel bytes per CIFAR record (3 × 32 × 32).</summary>
    public const int PixelBytes = 3 * 32 * 32;

    /// <summary>The CIFAR-10 class names, used when <c>batches.meta.txt</c> is absent.</summary>
    public static readonly IReadOnlyList<string> Cifar10ClassNames =
        ["airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck"];

    /// <summary>The CIFAR-10 training batch files.</summary>
    public static readonly IReadOnlyList<string> Cifar10TrainFiles =
        ["data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin", "data_batch_4.bin", "data_batch_5.bin"];

    /// <summary>Loads a CIFAR-10 split from a <c>cifar-10-batches-bin</c> folder.</summary>
    /// <param name="folder">The folder holding <c>data_batch_1..5.bin</c> and <c>test_batch.bin</c>.</param>
    /// <param name="split"><c>train</c> or <c>test</c>.</param>
    /// <exception cref="UserInputException">A file is missing, truncated or holds a label outside 0..9.</exception>
    public static ImageDataset LoadCifar10(string folder, string split)
    {
        var files = Splits.Check(split) == "train" ? Cifar10TrainFiles : ["test_batch.bin"];
        var names = ReadNames(Path.Combine(folder, "batches.meta.txt"), 10) ?? Cifar10ClassNames;
        var (pixels, labels) =
            ReadRecords(files.Select(f => Path.Combine(folder, f)).ToArray(), labelBytes: 1, classCount: 10);
        return ImageDataset.FromBytes("cifar10", pixels, labels.Length, 3, 32, labels, names,
            DatasetStatistics.Cifar10Mean, DatasetStatistics.Cifar10Std);
    }

    /// <summary>Loads a CIFAR-100 split (fine labels) from a <c>cifar-100-binary</c> folder.</summary>
    /// <param name="folder">The folder holding <c>train.bin</c> and <c>test.bin</c>.</param>
    /// <param name="split"><c>train</c> or <c>test</c>.</param>
    /// <exception cref="UserInputException">A file is missing, truncated or holds a label outside 0..99.</exception>
    public static ImageDataset LoadCifar100(string folder, string split)
    {
        var file = Splits.Check(split) == "train" ? "train.bin" : "test.bin";
        var names = ReadNames(Path.Combine(folder, "fine_label_names.txt"), 100)
                    ?? Enumerable.Range(0, 100).Select(i => $"class-{i:D2}").ToArray();
        var (pixels, labels) = ReadRecords([Path.Combine(folder, file)], labelBytes: 2, classCount: 100);
        return ImageDataset.FromBytes("cifar100", pixels, labels.Length, 3, 32, labels, names,
            DatasetStatistics.Cifar100Mean, DatasetStatistics.Cifar100Std);
    }

    /// <summary>
    /// Reads whole records from the files in order. The label used is the last of the <paramref name="labelBytes"/>
    /// leading bytes (CIFAR-100's fine label follows its coarse one).
    /// </summary>
    internal static (byte[] Pixels, long[] Labels) ReadRecords(IReadOnlyList<string> files,
        int labelBytes, int classCount)
    {
        var recordSize = labelBytes + PixelBytes;
        var counts = new long[files.Count];
        for (var f = 0; f < files.Count; f++)
        {
            if (!File.Exists(files[f])) throw new UserInputException($"{files[f]}: file not found");
            var length = new FileInfo(files[f]).Length;
            if (length == 0) throw new UserInputException($"{files[f]}: file is empty");
            if (length % recordSize != 0)
                throw new UserInputException(
                    $"{files[f]}: truncated: {length} bytes is not a whole number of {recordSize}-byte records " +
                    $"(record {length / recordSize} is incomplete)");
            counts[f] = length / recordSize;
        }

        var total = counts.Sum();
        if (total * PixelBytes > Array.MaxLength)
            throw new UserInputException($"{files[0]}: too many records ({total})");
        var pixels = GC.AllocateUninitializedArray<byte>((int)(total * PixelBytes));
        var labels = new long[total];
        var buffer = new byte[recordSize * 1024];
        long next = 0;
        for (var f = 0; f < files.Count; f++)
        {
            using var stream = new FileStream(files[f], FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20);
            for (long record = 0; record < counts[f];)
            {
                var batch = (int)Math.Min(1024, counts[f] - record);
                stream.ReadExactly(buffer, 0, batch * recordSize);
                for (var r = 0; r < batch; r++, record++, next++)
                {
                    var offset = r * recordSize;
                    int label = buffer[offset + labelBytes - 1];
                    if (label >= classCount)
                        throw new UserInputException(
                            $"{files[f]}: record {record}: label {label} is out of range 0..{classCount - 1}");
                    labels[next] = label;
                    buffer.AsSpan(offset + labelBytes, PixelBytes)
                        .CopyTo(pixels.AsSpan((int)(next * PixelBytes), PixelBytes));
                }
            }
        }
        return (pixels, labels);
    }

    /// <summary>Class names, one per non-empty line, or null when the file is absent.</summary>
    internal static IReadOnlyList<string>? ReadNames(string path, int expected)
    {
        if (!File.Exists(path)) return null;
        var names = File.ReadAllLines(path).Select(l => l.Trim()).Where(l => l.Length > 0).ToArray();
        if (names.Length != expected)
            throw new UserInputException($"{path}: expected {expected} class names, found {names.Length}");
        return names;
    }
}
