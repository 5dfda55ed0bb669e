using VpDarts.Runtime;

namespace VpDarts.Data;

/// <summary>
/// A dataset's training split cut into NB201's search-train and search-valid halves (class-balanced, from the seed,
/// optionally capped), served through <see cref="BatchLoader"/>s. A dataset with its own validation split (an image
/// folder with <c>val/</c>) searches as NB201 does on CIFAR-100 and ImageNet16-120: the whole training split trains the
/// weights and the validation split is search-valid. Search-valid batches for architecture steps are
/// augmented like training batches (as NB201's search does); ablation and final-selection batches are not.
/// </summary>
public sealed class DatasetSearchData : ISearchData, IDisposable
{
    private readonly ImageDataset _dataset;
    private readonly long[] _train;
    private readonly long[] _valid;
    private readonly int _seed;
    private readonly Dictionary<(string, int), BatchLoader> _loaders = new();
    private DataFingerprint? _fingerprint;

    /// <summary>
    /// Splits <paramref name="dataset"/> (which this object then owns): per class from the seed, or, with
    /// <paramref name="fixedSplit"/>, into the first and the last half of the dataset's own order (see
    /// <see cref="SearchSplit.Fixed"/>).
    /// </summary>
    public DatasetSearchData(ImageDataset dataset, int seed, int? trainLimit, int? validLimit, bool fixedSplit = false)
    {
        _dataset = dataset;
        _seed = seed;
        (_train, _valid) = fixedSplit
            ? SearchSplit.Fixed(dataset.Labels, dataset.ClassCount, dataset.Name, seed, trainLimit, validLimit)
            : SearchSplit.Create(dataset.Labels, dataset.ClassCount, seed, trainLimit, validLimit);
        if (_train.Length == 0 || _valid.Length == 0)
            throw new UserInputException(
                $"dataset '{dataset.Name}' is too small to split into search-train and search-valid");
    }

    private DatasetSearchData(ImageDataset joined, long[] train, long[] valid, int seed)
    {
        _dataset = joined;
        _seed = seed;
        _train = train;
        _valid = valid;
    }

    /// <summary>
    /// Search data from a training split and a separate validation split (both then owned by this object, which
    /// frees them once joined): search-train is the training split, search-valid the validation split, each capped
    /// to a class-balanced seeded subset by its limit. Normalisation statistics are the training split's.
    /// </summary>
    /// <exception cref="UserInputException">The splits disagree on classes or image shape, or one is empty.</exception>
    public static DatasetSearchData WithValidation(ImageDataset train, ImageDataset validation, int seed,
        int? trainLimit, int? validLimit)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(validation);
        using (train)
        using (validation)
        {
            if (!train.ClassNames.SequenceEqual(validation.ClassNames))
                throw new UserInputException(
                    $"dataset '{train.Name}': the validation split has other classes than the training split");
            if (train.Channels != validation.Channels || train.Size != validation.Size)
                throw new UserInputException($"dataset '{train.Name}': validation images are " +
                                             $"{validation.Channels}x{validation.Size}x{validation.Size}, training " +
                                             $"images {train.Channels}x{train.Size}x{train.Size}");
            var trainRows = SearchSplit.BalancedSubset(train.LabelArray, train.ClassCount,
                Seeds.For(seed, SeedStream.SplitTrainTake), trainLimit);
            var validRows = SearchSplit.BalancedSubset(validation.LabelArray, validation.ClassCount,
                Seeds.For(seed, SeedStream.SplitValidTake), validLimit)
                .Select(r => r + train.Count).ToArray();
            if (trainRows.Length == 0 || validRows.Length == 0)
                throw new UserInputException($"dataset '{train.Name}': the training or the validation split is empty");
            ImageDataset joined;
            using (var scope = NewDisposeScope())
            {
                var images = cat([train.Images, validation.Images], 0);
                var labels = cat([train.Labels, validation.Labels], 0);
                joined = new ImageDataset(train.Name, images, labels, train.ClassNames, train.Mean, train.Std);
            }
            return new DatasetSearchData(joined, trainRows, validRows, seed);
        }
    }

    /// <summary>
    /// Loads the training split of <paramref name="dataset"/> (a catalog spec) and splits it; when the dataset has a
    /// validation split (<see cref="DatasetCatalog.LoadValidation"/>), that is search-valid and the whole training
    /// split search-train instead.
    /// </summary>
    /// <exception cref="UserInputException">The data cannot be loaded, or <paramref name="fixedSplit"/> is asked of a
    /// dataset with a validation split.</exception>
    public static DatasetSearchData Load(string dataset, DataOptions options, int seed, int? trainLimit,
        int? validLimit, bool fixedSplit = false)
    {
        var train = DatasetCatalog.Load(dataset, "train", options);
        ImageDataset? validation = null;
        try
        {
            validation = DatasetCatalog.LoadValidation(dataset, options);
            if (validation is null) return new DatasetSearchData(train, seed, trainLimit, validLimit, fixedSplit);
            if (fixedSplit)
                throw new UserInputException($"fixed_split (--faithful-to-code): '{dataset}' has a " +
                                             $"{Splits.Validation}/ split, which is search-valid; the authors' " +
                                             "first/last-half split of train/ does not apply");
        }
        catch
        {
            train.Dispose();
            validation?.Dispose();
            throw;
        }
        return WithValidation(train, validation, seed, trainLimit, validLimit);
    }

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

    /// <inheritdoc />
    public DataFingerprint Fingerprint => _fingerprint ??= DataFingerprint.Of(Name,
        new Dictionary<string, long> { ["search-train"] = TrainCount, ["search-valid"] = ValidCount }, _dataset);

    /// <summary>Search-train rows of the dataset.</summary>
    public IReadOnlyList<long> TrainIndices => _train;
    /// <summary>Search-valid rows of the dataset.</summary>
    public IReadOnlyList<long> ValidIndices => _valid;

    /// <inheritdoc />
    public IEnumerable<Batch> TrainBatches(int epoch, int batchSize) =>
        Loader("train", batchSize, () => new BatchLoader(_dataset, _train, batchSize, augment: true, shuffle: true,
            Seeds.For(_seed, SeedStream.SearchTrainLoader)))
            .EnumerateEpoch(epoch).Select(b => new Batch(b.X, b.Y));

    /// <inheritdoc />
    public IEnumerable<Batch> ArchBatches(int epoch, int batchSize)
    {
        var loader = Loader("arch", batchSize, () => new BatchLoader(_dataset, _valid, batchSize, augment: true,
            shuffle: true, Seeds.For(_seed, SeedStream.ArchLoader)));
        for (var pass = 0; ; pass++)
            foreach (var (x, y) in loader.EnumerateEpoch(Seeds.PassKey(epoch, pass)))
                yield return new Batch(x, y);
    }

    /// <inheritdoc />
    public IReadOnlyList<Batch> ValidSubset(int epoch, int draw, double fraction, int batchSize, bool augment = false)
    {
        var order = (long[])_valid.Clone();
        SearchSplit.Shuffle(order, new Random(Seeds.For(_seed, SeedStream.ValidSubset, Seeds.DrawKey(epoch, draw))));
        var take = Math.Max(1, (int)Math.Ceiling(order.Length * fraction));
        // Kept in the drawn (random) order: rows are grouped by class in folder datasets, and sorted rows would make
        // every ablation batch nearly single-class (BatchNorm then runs on one class's statistics, and a batch-wise
        // racing ablation would see only a few classes in its first rounds).
        return Evaluate(order[..take], batchSize,
            augment ? Seeds.For(_seed, SeedStream.AblationAugment, Seeds.DrawKey(epoch, draw)) : null);
    }

    /// <inheritdoc />
    public IReadOnlyList<Batch> FullValid(int batchSize, bool augment = false)
    {
        var order = (long[])_valid.Clone();
        SearchSplit.Shuffle(order, new Random(Seeds.For(_seed, SeedStream.FullValidOrder)));
        return Evaluate(order, batchSize, augment ? Seeds.For(_seed, SeedStream.AblationAugment, -1) : null);
    }

    /// <summary>Batches of <paramref name="rows"/> in the given order; randomly cropped and flipped from
    /// <paramref name="augmentSeed"/> when it is set.</summary>
    private IReadOnlyList<Batch> Evaluate(long[] rows, int batchSize, int? augmentSeed) =>
        new BatchLoader(_dataset, rows, batchSize, augment: augmentSeed is not null, shuffle: false, augmentSeed ?? 0)
            .EnumerateEpoch(0).Select(b => new Batch(b.X, b.Y)).ToList();

    private BatchLoader Loader(string role, int batchSize, Func<BatchLoader> make)
    {
        if (!_loaders.TryGetValue((role, batchSize), out var loader)) _loaders[(role, batchSize)] = loader = make();
        return loader;
    }

    /// <inheritdoc />
    public void Dispose() => _dataset.Dispose();
}
