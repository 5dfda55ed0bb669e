using System.Collections;
using Razorvine.Pickle;
using VpDarts.Runtime;

namespace VpDarts.Data;

/// <summary>
/// Reads ImageNet16 as NB201 uses it: Python-pickled dicts (<c>train_data_batch_1..10</c>, <c>val_data</c>) with
/// <c>data</c> (N×768 uint8, channel-planar 3×16×16, a NumPy array or raw bytes) and <c>labels</c> (1-based).
/// Only labels up to the class limit are kept (120 for ImageNet16-120) and shifted to 0-based. The test split is
/// <c>val_data</c>. Decoded splits are cached like image folders.
/// </summary>
public static class ImageNet16Reader
{
    /// <summary>Bytes per 16×16 RGB image.</summary>
    public const int PixelBytes = 3 * 16 * 16;

    /// <summary>Number of training batch files.</summary>
    public const int TrainBatchCount = 10;

    /// <summary>Loads a split from the folder holding the pickled batches.</summary>
    /// <param name="folder">Folder with <c>train_data_batch_1..10</c> and <c>val_data</c>.</param>
    /// <param name="split"><c>train</c> or <c>test</c> (the latter reads <c>val_data</c>).</param>
    /// <param name="classLimit">Keep labels 1..classLimit (NB201: 120).</param>
    /// <param name="cacheDirectory">Cache folder, or null to always parse the pickles.</param>
    /// <exception cref="UserInputException">A file is missing, not a pickle of the expected layout, or holds a bad
    /// label.</exception>
    public static ImageDataset Load(string folder, string split, int classLimit = 120, string? cacheDirectory = null)
    {
        if (classLimit is < 1 or > 1000)
            throw new UserInputException($"ImageNet16 class limit {classLimit} is out of range 1..1000");
        if (!Directory.Exists(folder))
            throw new UserInputException(
                $"{folder}: ImageNet16 folder not found; place NB201's train_data_batch_1..10 and val_data there");
        var files = Files(folder, split);
        string? cachePath = null;
        if (cacheDirectory is not null)
        {
            var lines = files.Select(f => new FileInfo(f))
                .Select(f =>
                    string.Create(CultureInfo.InvariantCulture, $"{f.Name}\t{f.Length}\t{f.LastWriteTimeUtc.Ticks}"));
            var key = DatasetCache.Key(["imagenet16-v1", classLimit.ToString(CultureInfo.InvariantCulture), .. lines]);
            cachePath = Path.Combine(cacheDirectory, "imagenet16", key + ".bin");
            var cached = DatasetCache.TryRead(cachePath);
            if (cached is not null) return cached;
        }

        using var pixels = new MemoryStream();
        var labels = new List<long>();
        foreach (var file in files) ReadBatch(file, classLimit, pixels, labels);
        if (labels.Count == 0) throw new UserInputException($"{files[0]}: no images with labels 1..{classLimit}");

        var names = Enumerable.Range(1, classLimit).Select(i => $"class-{i:D3}").ToArray();
        var dataset = ImageDataset.FromBytes($"imagenet16-{classLimit}", pixels.ToArray(), labels.Count, 3, 16,
            labels.ToArray(), names, DatasetStatistics.ImageNet16Mean, DatasetStatistics.ImageNet16Std);
        if (cachePath is not null)
        {
            DatasetCache.TryWrite(cachePath, dataset);
        }
        return dataset;
    }

    /// <summary>The pickle files of a split: <c>val_data</c>, or the training batches present (at least the
    /// first).</summary>
    public static IReadOnlyList<string> Files(string folder, string split)
    {
        if (Splits.Check(split) == "test")
        {
            var val = Path.Combine(folder, "val_data");
            return File.Exists(val) ? [val] : throw new UserInputException($"{val}: file not found");
        }
        var batches =
            Enumerable.Range(1, TrainBatchCount).Select(i => Path.Combine(folder, $"train_data_batch_{i}")).ToArray();
        if (!File.Exists(batches[0])) throw new UserInputException($"{batches[0]}: file not found");
        return batches.Where(File.Exists).ToArray();
    }

    /// <summary>Appends the records of one pickled batch whose label is within the limit.</summary>
    internal static void ReadBatch(string file, int classLimit, Stream pixels, List<long> labels)
    {
        NumpyPickle.Register();
        RegularFile.Require(file);
        object? root;
        try
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20);
            using var unpickler = new Unpickler();
            root = unpickler.load(stream);
        }
        catch (Exception e) when (e is PickleException or InvalidCastException or EndOfStreamException or IOException
                                      or FormatException or ArgumentException or IndexOutOfRangeException
                                      or InvalidOperationException)
        {
            var reason = e is PickleException && e.InnerException is { } inner
                ? inner.InnerException?.Message ?? inner.Message : e.Message;
            throw new UserInputException($"{file}: not a readable pickle: {DatasetDownloader.OneLine(reason)}", e);
        }
        if (root is not Hashtable dict || !dict.ContainsKey("data") || !dict.ContainsKey("labels"))
            throw new UserInputException($"{file}: expected a pickled dict with 'data' and 'labels'");

        var data = dict["data"] switch
        {
            NumpyArray { Dtype.Kind: 'u', Dtype.ItemSize: 1 } a => a.Data,
            NumpyArray a => throw new UserInputException($"{file}: 'data' has dtype {a.Dtype.Descr}; expected uint8"),
            var other =>
                NumpyPickle.AsBytes(other) ?? throw new UserInputException($"{file}: 'data' is not an array of bytes"),
        };
        var rawLabels = dict["labels"] switch
        {
            NumpyArray { Dtype.Kind: 'i' or 'u' or 'b' } a => a.ToInt64(),
            NumpyArray a => throw new UserInputException(
                $"{file}: 'labels' has dtype {a.Dtype.Descr}; expected an integer dtype (e.g. int64)"),
            IList list => list.Cast<object>().Select((v, i) => ToLabel(file, i, v)).ToArray(),
            _ => throw new UserInputException($"{file}: 'labels' is not a list or array"),
        };
        if ((long)rawLabels.Length * PixelBytes != data.Length)
            throw new UserInputException(
                $"{file}: 'data' holds {data.Length} bytes but {rawLabels.Length} labels need " +
                $"{(long)rawLabels.Length * PixelBytes} (768 per image)");
        for (var i = 0; i < rawLabels.Length; i++)
        {
            var label = rawLabels[i];
            if (label is < 1 or > 1000)
                throw new UserInputException($"{file}: record {i}: label {label} is out of range 1..1000");
            if (label > classLimit) continue;
            labels.Add(label - 1);
            pixels.Write(data, i * PixelBytes, PixelBytes);
        }
    }

    private static long ToLabel(string file, int index, object? value) => value switch
    {
        int i => i,
        long l => l,
        short s => s,
        byte b => b,
        System.Numerics.BigInteger big when big >= long.MinValue && big <= long.MaxValue => (long)big,
        _ => throw new UserInputException($"{file}: record {index}: label '{value}' is not an integer"),
    };
}
