namespace VpDarts.Data;

/// <summary>
/// The two halves of the training set as a search sees them. Every random choice derives from the run's seed and
/// the epoch, so an epoch replays identically after a resume. Callers dispose the batches they receive.
/// </summary>
public interface ISearchData
{
    /// <summary>Dataset name.</summary>
    string Name { get; }
    /// <summary>Number of classes.</summary>
    int Classes { get; }
    /// <summary>Image channels.</summary>
    int Channels { get; }
    /// <summary>Image height = width.</summary>
    int ImageSize { get; }
    /// <summary>Images in search-train.</summary>
    int TrainCount { get; }
    /// <summary>Images in search-valid.</summary>
    int ValidCount { get; }

    /// <summary>What identifies the data, recorded when a run starts and compared when it resumes; null where the data
    /// cannot say.</summary>
    DataFingerprint? Fingerprint => null;

    /// <summary>Shuffled, augmented search-train batches of <paramref name="batchSize"/> for
    /// <paramref name="epoch"/>.</summary>
    IEnumerable<Batch> TrainBatches(int epoch, int batchSize);

    /// <summary>
    /// Shuffled, augmented search-valid batches for the architecture steps of <paramref name="epoch"/>; the sequence
    /// does not end (it reshuffles when a pass is used up).
    /// </summary>
    IEnumerable<Batch> ArchBatches(int epoch, int batchSize);

    /// <summary>
    /// A random <paramref name="fraction"/> of search-valid for (epoch, draw), in random order so that every batch
    /// mixes the classes; cropped and flipped at random (seeded) when <paramref name="augment"/> is set, as the
    /// authors' code measures importance on its training-transform loader.
    /// </summary>
    IReadOnlyList<Batch> ValidSubset(int epoch, int draw, double fraction, int batchSize, bool augment = false);

    /// <summary>All of search-valid in a fixed random order (mixed-class batches); augmented as in
    /// <see cref="ValidSubset"/> when asked.</summary>
    IReadOnlyList<Batch> FullValid(int batchSize, bool augment = false);
}
