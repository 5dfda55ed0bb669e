using VpDarts.Data;
using VpDarts.Importance;
using VpDarts.Models;
using VpDarts.Runs;

namespace VpDarts.Strategies;

/// <summary>What strategies may use: the supernet, the settings, the importance criterion and validation
/// data.</summary>
public sealed class SearchContext(
    Supernet net,
    SearchConfig config,
    IImportanceCriterion importance,
    Func<int, int, IReadOnlyList<Batch>> validSubset,
    Func<IReadOnlyList<Batch>> fullValid,
    CancellationToken cancel = default,
    IWorkProgress? progress = null)
{
    /// <summary>The supernet.</summary>
    public Supernet Net { get; } = net;

    /// <summary>The run's settings.</summary>
    public SearchConfig Config { get; } = config;

    /// <summary>Where the work of an ablation is counted (the running phase's progress); null when nobody
    /// watches.</summary>
    public IWorkProgress? Progress { get; } = progress;

    /// <summary>The importance criterion.</summary>
    public IImportanceCriterion Importance { get; } = importance;

    /// <summary>
    /// Batches of the random validation subset for (epoch, draw); draw 0 is the epoch's paired subset. Ablations ask
    /// for them before every pass, so a stop request ends an ablation at the next pass.
    /// </summary>
    public IReadOnlyList<Batch> ValidSubset(int epoch, int draw)
    {
        cancel.ThrowIfCancellationRequested();
        return validSubset(epoch, draw);
    }

    /// <summary>Batches of the whole search-valid split, in fixed order.</summary>
    public IReadOnlyList<Batch> FullValid()
    {
        cancel.ThrowIfCancellationRequested();
        return fullValid();
    }
}
