namespace VpDarts.Runtime;

/// <summary>
/// The random streams of a run, each derived from the run's seed by <see cref="Seeds.For"/>. Every stream has its own
/// coordinates, so changing how one is used never moves another; the search streams keep the coordinates of the first
/// release, so a seeded search replays exactly.
/// </summary>
public enum SeedStream
{
    /// <summary>Order within each class before the split into search-train and search-valid (index: the
    /// class).</summary>
    SplitClassShuffle,
    /// <summary>Which search-train rows a <c>--train-limit</c> keeps.</summary>
    SplitTrainTake,
    /// <summary>Which search-valid rows a <c>--valid-limit</c> keeps.</summary>
    SplitValidTake,
    /// <summary>Order within each class before a class-balanced subset for training (index: the class).</summary>
    SubsetClassShuffle,
    /// <summary>Which rows a class-balanced subset for training keeps.</summary>
    SubsetTake,
    /// <summary>Search-train batches for weight steps (shuffle and augmentation).</summary>
    SearchTrainLoader,
    /// <summary>Search-valid batches for architecture steps.</summary>
    ArchLoader,
    /// <summary>The rows of an ablation's validation subset (index: <see cref="Seeds.DrawKey"/>).</summary>
    ValidSubset,
    /// <summary>The order of the whole search-valid split in the final selection.</summary>
    FullValidOrder,
    /// <summary>Training batches when a cell is trained from scratch.</summary>
    TrainingLoader,
    /// <summary>Crops and flips of augmented ablation batches (index: <see cref="Seeds.DrawKey"/>; the final selection
    /// uses draw −1).</summary>
    AblationAugment,
}
