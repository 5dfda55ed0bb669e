using VpDarts.Runtime;

namespace VpDarts.Data;

/// <summary>
/// A dataset's training split cut into NB201's search-train and search-valid halves (class-balanced, from the seed,
/// optionally capped), served through <see cref="BatchLoader"/>s. Search-valid batches for architecture steps are
/// augmented like training batches (as NB201's search does); ablation and final-selection batches are not.
/// </summary>
public sealed class DatasetSearchData : ISearchData, IDisposable
{
    private readonly ImageDataset _dataset;
    private readonly long[] _train;
    private readonly long[] _valid;
    private readonly int _seed;
    private readonly Dictionary<(string, int), BatchLoader> _loaders = new();

    /// <summary>Splits <paramref name="dataset"/> (which this object then owns).</summary>
    public DatasetSearchData(ImageDataset dataset, int seed, int? trainLimit, int? validLimit)
    {
        _dataset = dataset;
        _seed = seed;
        (_train, _valid) = SearchSplit.Create(dataset.Labels, dataset.ClassCount, seed, trainLimit, validLimit);
        if (_train.Length == 0 || _valid.Length == 0)
            throw new UserInputException($"dataset '{dataset.Name}' is too small to split into search-train and search-valid");
    }

    /// <summary>Loads the training split of <paramref name="dataset"/> (a catalog spec) and splits it.</summary>
    public static DatasetSearchData Load(string dataset, DataOptions options, int seed, int? trainLimit, int? validLimit) =>
        new(DatasetCatalog.Load(dataset, "train", options), seed, trainLimit, validLimit);

    /// <inheritdoc />
    public string Name => _dataset.Name;
    /// <inheritdoc />
    public int Classes => _dataset.ClassCount;
    /// <inheritdoc />
    public int Channels => _dataset.Channels;
    /// <inheritdoc />
    public int ImageSize => _dataset.Size;
    /// <inheritdoc />
    public int TrainCount => _train.Length;
    /// <inheritdoc />
    public int ValidCount => _valid.Length;

    /// <summary>Search-train rows of the dataset.</summary>
    public IReadOnlyList<long> TrainIndices => _train;
    /// <summary>Search-valid rows of the dataset.</summary>
    public IReadOnlyList<long> ValidIndices => _valid;

    /// <inheritdoc />
    public IEnumerable<Batch> TrainBatches(int epoch, int batchSize) =>
        Loader("train", batchSize, () => new BatchLoader(_dataset, _train, batchSize, augment: true, shuffle: true, Seeds.For(_seed, SeedStream.SearchTrainLoader)))
            .EnumerateEpoch(epoch).Select(b => new Batch(b.X, b.Y));

    /// <inheritdoc />
    public IEnumerable<Batch> ArchBatches(int epoch, int batchSize)
    {
        var loader = Loader("arch", batchSize, () => new BatchLoader(_dataset, _valid, batchSize, augment: true, shuffle: true, Seeds.For(_seed, SeedStream.ArchLoader)));
        for (var pass = 0; ; pass++)
            foreach (var (x, y) in loader.EnumerateEpoch(Seeds.PassKey(epoch, pass)))
                yield return new Batch(x, y);
    }

    /// <inheritdoc />
    public IReadOnlyList<Batch> ValidSubset(int epoch, int draw, double fraction, int batchSize)
    {
        var order = (long[])_valid.Clone();
        SearchSplit.Shuffle(order, new Random(Seeds.For(_seed, SeedStream.ValidSubset, Seeds.DrawKey(epoch, draw))));
        var take = Math.Max(1, (int)Math.Ceiling(order.Length * fraction));
        // Kept in the drawn (random) order: rows are grouped by class in folder datasets, and sorted rows would make
        // every ablation batch nearly single-class (BatchNorm then runs on one class's statistics, and a batch-wise
        // racing ablation would see only a few classes in its first rounds).
        return Evaluate(order[..take], batchSize);
    }

    /// <inheritdoc />
    public IReadOnlyList<Batch> FullValid(int batchSize)
    {
        var order = (long[])_valid.Clone();
        SearchSplit.Shuffle(order, new Random(Seeds.For(_seed, SeedStream.FullValidOrder)));
        return Evaluate(order, batchSize);
    }

    private IReadOnlyList<Batch> Evaluate(long[] rows, int batchSize) =>
        new BatchLoader(_dataset, rows, batchSize, augment: false, shuffle: false, 0).EnumerateEpoch(0).Select(b => new Batch(b.X, b.Y)).ToList();

    private BatchLoader Loader(string role, int batchSize, Func<BatchLoader> make)
    {
        if (!_loaders.TryGetValue((role, batchSize), out var loader)) _loaders[(role, batchSize)] = loader = make();
        return loader;
    }

    /// <inheritdoc />
    public void Dispose() => _dataset.Dispose();
}
