using VpDarts.Data;
using VpDarts.Runs;

namespace VpDarts.Search;

/// <summary>
/// The search-valid batches the strategy measures with, on the run's device: the random subset of each (epoch, draw),
/// kept until the epoch's start is done, and the whole split, kept from the first use to the final choice.
/// </summary>
internal sealed class ValidationBatches(ISearchData data, SearchConfig config, Device device)
{
    private readonly Dictionary<(int, int), IReadOnlyList<Batch>> subsets = new();
    private IReadOnlyList<Batch>? full;

    /// <summary>The batches of the random validation subset for (epoch, draw), drawn once and then reused.</summary>
    public IReadOnlyList<Batch> Subset(int epoch, int draw)
    {
        if (!subsets.TryGetValue((epoch, draw), out var batches))
            subsets[(epoch, draw)] = batches = DeviceBatches.ToDevice(data.ValidSubset(
                epoch, draw, config.ValidFraction, config.EvalBatchSize, config.AblationAugment), device);
        return batches;
    }

    /// <summary>The batches of the whole search-valid split, in fixed order, drawn once.</summary>
    public IReadOnlyList<Batch> Full() =>
        full ??= DeviceBatches.ToDevice(data.FullValid(config.EvalBatchSize, config.AblationAugment), device);

    /// <summary>Frees the subsets drawn so far (after an epoch's start).</summary>
    public void FreeSubsets()
    {
        foreach (var batches in subsets.Values) DeviceBatches.DisposeAll(batches);
        subsets.Clear();
    }

    /// <summary>Frees the whole split's batches (after the final choice).</summary>
    public void FreeFull() => DeviceBatches.DisposeAll(full);
}
