namespace VpDarts.Tests.Support;

/// <summary>Search data that passes every call on to <paramref name="inner"/> and records the ablation batches asked for.</summary>
public sealed class RecordingSearchData(ISearchData inner) : ISearchData
{
    /// <summary>Every <see cref="ValidSubset"/> call (epoch, draw, batch size, augment) and <see cref="FullValid"/> call (epoch −1, draw −1), in order.</summary>
    public List<(int Epoch, int Draw, int BatchSize, bool Augment)> Ablations { get; } = [];

    public string Name => inner.Name;
    public int Classes => inner.Classes;
    public int Channels => inner.Channels;
    public int ImageSize => inner.ImageSize;
    public int TrainCount => inner.TrainCount;
    public int ValidCount => inner.ValidCount;

    public IEnumerable<Batch> TrainBatches(int epoch, int batchSize) => inner.TrainBatches(epoch, batchSize);

    public IEnumerable<Batch> ArchBatches(int epoch, int batchSize) => inner.ArchBatches(epoch, batchSize);

    public IReadOnlyList<Batch> ValidSubset(int epoch, int draw, double fraction, int batchSize, bool augment = false)
    {
        Ablations.Add((epoch, draw, batchSize, augment));
        return inner.ValidSubset(epoch, draw, fraction, batchSize, augment);
    }

    public IReadOnlyList<Batch> FullValid(int batchSize, bool augment = false)
    {
        Ablations.Add((-1, -1, batchSize, augment));
        return inner.FullValid(batchSize, augment);
    }
}
