using VpDarts.Runtime;

namespace VpDarts.Data;

/// <summary>
/// Yields mini-batches from an in-memory <see cref="ImageDataset"/>, with optional shuffling and augmentation
/// (random zero-padded crop and horizontal flip, then normalisation), done by one fused pass over the selected
/// images' bytes straight into the batch tensor (the same result as <see cref="Augment.CropAndFlip"/> and
/// <see cref="Augment.Normalize"/>, without intermediate tensors or torch's thread pool). All randomness derives from
/// (seed, epoch, batch), so any batch can be rebuilt exactly: to resume a run, set <see cref="Epoch"/> (and skip to
/// the batch with <see cref="EnumerateEpoch"/>). Each yielded pair belongs to the caller, who disposes it.
/// Not thread-safe: use one loader per thread.
/// </summary>
public sealed class BatchLoader
{
    private readonly long[] _indices;
    private long _orderEpoch = -1;
    private long[] _order = [];

    /// <summary>Creates a loader over a subset of a dataset.</summary>
    /// <param name="dataset">The images and labels.</param>
    /// <param name="indices">Dataset rows to draw from (e.g. a <see cref="SearchSplit"/> half).</param>
    /// <param name="batchSize">Images per batch.</param>
    /// <param name="augment">Random crop and flip (training) or none (evaluation).</param>
    /// <param name="shuffle">New order every epoch (training) or the given order (evaluation).</param>
    /// <param name="seed">Seed of every random choice.</param>
    /// <param name="dropLast">Drop the last partial batch (sensible for training only).</param>
    /// <param name="device">Device the batches are moved to; the CPU when null.</param>
    public BatchLoader(ImageDataset dataset, long[] indices, int batchSize, bool augment, bool shuffle, int seed,
        bool dropLast = false, Device? device = null)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(indices);
        if (batchSize < 1) throw new ArgumentOutOfRangeException(nameof(batchSize));
        foreach (var i in indices)
            if (i < 0 || i >= dataset.Count)
                throw new ArgumentOutOfRangeException(nameof(indices), $"index {i} is outside 0..{dataset.Count - 1}");
        Dataset = dataset;
        _indices = (long[])indices.Clone();
        BatchSize = batchSize;
        Augmenting = augment;
        Shuffling = shuffle;
        Seed = seed;
        DropLast = dropLast;
        Device = device;
        Padding = Augment.DefaultPadding(dataset.Size);
    }

    /// <summary>An evaluation loader over a whole dataset: fixed order, no augmentation, last batch kept.</summary>
    public static BatchLoader ForEvaluation(ImageDataset dataset, int batchSize, Device? device = null) =>
        new(dataset, Enumerable.Range(0, dataset.Count).Select(i => (long)i).ToArray(), batchSize, false, false,
            0, false, device);

    /// <summary>The dataset batches come from.</summary>
    public ImageDataset Dataset { get; }

    /// <summary>Images per batch.</summary>
    public int BatchSize { get; }

    /// <summary>Whether batches are augmented.</summary>
    public bool Augmenting { get; }

    /// <summary>Whether each epoch has its own order.</summary>
    public bool Shuffling { get; }

    /// <summary>The seed of all random choices.</summary>
    public int Seed { get; }

    /// <summary>Whether a last partial batch is dropped.</summary>
    public bool DropLast { get; }

    /// <summary>Target device of the batches (null: CPU).</summary>
    public Device? Device { get; }

    /// <summary>Zero padding of the random crop (default <see cref="Augment.DefaultPadding"/>).</summary>
    public int Padding { get; init; }

    /// <summary>Largest image tensor (in bytes) read through one span; larger ones are gathered per batch
    /// first.</summary>
    internal long DirectSpanLimit { get; init; } = int.MaxValue;

    /// <summary>The epoch <see cref="NextEpoch"/> yields next; save it to resume, set it to continue from
    /// there.</summary>
    public int Epoch { get; set; }

    /// <summary>Number of images drawn from.</summary>
    public int Count => _indices.Length;

    /// <summary>Batches per epoch.</summary>
    public int BatchesPerEpoch => DropLast ? Count / BatchSize : (Count + BatchSize - 1) / BatchSize;

    /// <summary>Yields the batches of epoch <see cref="Epoch"/> and advances <see cref="Epoch"/> by one.</summary>
    public IEnumerable<(Tensor X, Tensor Y)> NextEpoch() => EnumerateEpoch(Epoch++);

    /// <summary>Yields the batches of an epoch from <paramref name="startBatch"/> on.</summary>
    public IEnumerable<(Tensor X, Tensor Y)> EnumerateEpoch(long epoch, int startBatch = 0)
    {
        for (var b = startBatch; b < BatchesPerEpoch; b++) yield return GetBatch(epoch, b);
    }

    /// <summary>The dataset rows of an epoch in the order batches take them (a copy).</summary>
    public long[] EpochOrder(long epoch) => (long[])Order(epoch).Clone();

    private long[] Order(long epoch)
    {
        if (!Shuffling) return _indices;
        if (_orderEpoch != epoch)
        {
            var order = (long[])_indices.Clone();
            SearchSplit.Shuffle(order, new Random(Seeds.Mix(Seed, epoch, -1)));
            (_order, _orderEpoch) = (order, epoch);
        }
        return _order;
    }

    /// <summary>Builds one batch: images float32 <c>[B, C, H, W]</c> (augmented if enabled, normalised) and labels
    /// int64 <c>[B]</c>.</summary>
    public (Tensor X, Tensor Y) GetBatch(long epoch, int batch)
    {
        if (batch < 0 || batch >= BatchesPerEpoch) throw new ArgumentOutOfRangeException(nameof(batch));
        var order = Order(epoch);
        var start = batch * BatchSize;
        var rows = order.AsSpan(start, Math.Min(BatchSize, order.Length - start)).ToArray();

        long[]? offsetY = null, offsetX = null;
        bool[]? flip = null;
        if (Augmenting)
            (offsetY, offsetX, flip) = Augment.Draw(new Random(Seeds.Mix(Seed, epoch, batch)), rows.Length, Padding);

        using var scope = NewDisposeScope();
        var (channels, size) = (Dataset.Channels, Dataset.Size);
        var images = empty([rows.Length, channels, size, size], ScalarType.Float32);
        var target = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(images.bytes);
        if (Dataset.Images.numel() <= DirectSpanLimit)
        {
            Augment.CropFlipNormalize(Dataset.Images.bytes, rows, channels, size, Padding, offsetY, offsetX, flip,
                Dataset.Mean, Dataset.Std, target);
        }
        else
        {
            // the whole tensor is too large for one span: gather the batch first
            using var selected = Dataset.Images.index_select(0, tensor(rows));
            var local = Enumerable.Range(0, rows.Length).Select(i => (long)i).ToArray();
            Augment.CropFlipNormalize(selected.bytes, local, channels, size, Padding, offsetY, offsetX, flip,
                Dataset.Mean, Dataset.Std, target);
        }
        var labelArray = Dataset.LabelArray;
        var labels = tensor(rows.Select(r => labelArray[r]).ToArray());
        if (Device is not null && Device.type != DeviceType.CPU)
        {
            images = images.to(Device);
            labels = labels.to(Device);
        }
        return (images.MoveToOuterDisposeScope(), labels.MoveToOuterDisposeScope());
    }

    /// <summary>
    /// Measures augmented batch throughput in images per second: a shuffling, augmenting loader over the whole
    /// dataset, a few warm-up batches, then <paramref name="batches"/> timed ones (each disposed at once).
    /// </summary>
    public static double MeasureThroughput(ImageDataset dataset, int batchSize = 64, int batches = 100,
        bool augment = true)
    {
        var all = Enumerable.Range(0, dataset.Count).Select(i => (long)i).ToArray();
        var loader = new BatchLoader(dataset, all, batchSize, augment, shuffle: true, seed: 0, dropLast: true);
        var perEpoch = loader.BatchesPerEpoch;
        if (perEpoch == 0) throw new ArgumentException("the dataset is smaller than one batch", nameof(dataset));
        for (var i = 0; i < Math.Min(3, perEpoch); i++)
        {
            var (x, y) = loader.GetBatch(0, i);
            x.Dispose();
            y.Dispose();
        }
        var watch = Stopwatch.StartNew();
        long images = 0;
        for (var i = 0; i < batches; i++)
        {
            var (x, y) = loader.GetBatch(1 + i / perEpoch, i % perEpoch);
            images += x.shape[0];
            x.Dispose();
            y.Dispose();
        }
        return images / watch.Elapsed.TotalSeconds;
    }
}
