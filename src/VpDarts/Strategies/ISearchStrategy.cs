using System.Text.Json.Nodes;
using VpDarts.Data;
using VpDarts.Importance;
using VpDarts.Models;
using VpDarts.Runs;
using VpDarts.SearchSpace;
using static TorchSharp.torch;

namespace VpDarts.Strategies;

/// <summary>
/// A search method as seen by the one shared search loop: how α becomes edge weights, when α trains, what happens
/// at the start of an epoch and how the final cell is chosen. New methods (GDAS, DrNAS, …) implement this and
/// leave the loop alone.
/// </summary>
public interface ISearchStrategy
{
    /// <summary>Method name as in configs.</summary>
    string Name { get; }

    /// <summary>Softmax (DARTS) or raw (VP-DARTS) edge weights.</summary>
    ArchWeighting Weighting { get; }

    /// <summary>Dropout after skip_connect unless the config overrides it.</summary>
    double DefaultSkipDropout { get; }

    /// <summary>Whether α takes Adam steps in <paramref name="epoch"/> (false during warm-up).</summary>
    bool TrainsArchitecture(int epoch);

    /// <summary>Edge weights for the forward pass (α, softmax(α) or a masked α).</summary>
    Tensor EdgeWeights(Supernet net);

    /// <summary>Work before an epoch's training (ablation, pruning); null when nothing happens.</summary>
    EpochDecision? OnEpochStart(SearchContext context, int epoch);

    /// <summary>The cell the supernet points to right now; null while nothing has been learned (warm-up).</summary>
    Genotype? CurrentArch(SearchContext context, int epoch);

    /// <summary>Chooses the final cell.</summary>
    FinalSelection SelectFinal(SearchContext context);

    /// <summary>State that must survive a resume (masks, last choices).</summary>
    JsonObject SaveState();

    /// <summary>Restores <see cref="SaveState"/>'s output.</summary>
    void LoadState(JsonObject state);
}

/// <summary>What a strategy did at the start of an epoch, for the metrics log.</summary>
public sealed record EpochDecision(
    ImportanceResult? Importance,
    Genotype? Kept,
    IReadOnlyList<(int Edge, int Op)> Pruned,
    double? DecayFactor,
    double Seconds);

/// <summary>The final cell and the evidence for it.</summary>
public sealed record FinalSelection(Genotype Arch, ImportanceResult? Importance, double Seconds);

/// <summary>What strategies may use: the supernet, the settings, the importance criterion and validation data.</summary>
public sealed class SearchContext(
    Supernet net,
    SearchConfig config,
    IImportanceCriterion importance,
    Func<int, int, IReadOnlyList<Batch>> validSubset,
    Func<IReadOnlyList<Batch>> fullValid,
    CancellationToken cancel = default)
{
    /// <summary>The supernet.</summary>
    public Supernet Net { get; } = net;

    /// <summary>The run's settings.</summary>
    public SearchConfig Config { get; } = config;

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
