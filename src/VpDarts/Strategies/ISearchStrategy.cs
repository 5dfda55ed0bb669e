using VpDarts.Models;
using VpDarts.Runs;
using VpDarts.SearchSpace;

namespace VpDarts.Strategies;

/// <summary>
/// A search method as seen by the one shared search loop: how α becomes edge weights, what each epoch does (its
/// plan, then the work at its start), which cell the supernet points to and how the final cell is chosen. New
/// methods (GDAS, DrNAS, …) implement this and leave the loop alone.
/// </summary>
public interface ISearchStrategy
{
    /// <summary>Method name as in configs.</summary>
    string Name { get; }

    /// <summary>Softmax (DARTS) or raw (VP-DARTS) edge weights.</summary>
    ArchWeighting Weighting { get; }

    /// <summary>Dropout after skip_connect unless the config overrides it.</summary>
    double DefaultSkipDropout { get; }

    /// <summary>What <paramref name="epoch"/> does: whether α trains and whether the epoch starts with an importance measurement.</summary>
    EpochPlan PlanEpoch(int epoch);

    /// <summary>Edge weights for the forward pass (α, softmax(α) or a masked α).</summary>
    Tensor EdgeWeights(Supernet net);

    /// <summary>Work before an epoch's training (ablation, pruning); null when nothing happens (the plan says when).</summary>
    EpochDecision? OnEpochStart(SearchContext context, int epoch);

    /// <summary>The cell the supernet points to right now; null while nothing has been learned (warm-up).</summary>
    Genotype? CurrentArch(SearchContext context, int epoch);

    /// <summary>Chooses the final cell.</summary>
    FinalSelection SelectFinal(SearchContext context);

    /// <summary>State that must survive a resume (masks, last choices).</summary>
    StrategyState SaveState();

    /// <summary>Restores <see cref="SaveState"/>'s output.</summary>
    void LoadState(StrategyState state);
}
