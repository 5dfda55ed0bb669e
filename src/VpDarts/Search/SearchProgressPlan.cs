using VpDarts.Data;
using VpDarts.Methods;
using VpDarts.Runs;
using VpDarts.SearchSpace;
using VpDarts.Strategies;

namespace VpDarts.Search;

/// <summary>
/// The phases a search still has, for its ETA: per remaining epoch the ablation (when the epoch measures importance)
/// and the training steps, then the final selection's work on the whole search-valid split (pruning methods, RSPS).
/// Costs are in forward-image equivalents and only guide the estimate until each kind has been measured: a
/// warm-up step ≈ 3 × batch (forward and backward), a search step twice that (it adds an architecture step), an
/// ablation op one forward pass over the ablation subset.
/// </summary>
public static class SearchProgressPlan
{
    /// <summary>Phase name of an epoch's ablation.</summary>
    public const string Ablation = "ablation";

    /// <summary>Phase name of the final selection.</summary>
    public const string FinalSelection = "final selection";

    /// <summary>Steps in one epoch of <paramref name="data"/>.</summary>
    public static int StepsPerEpoch(SearchConfig config, ISearchData data)
        => (int)Math.Ceiling(data.TrainCount / (double)config.BatchSize);

    /// <summary>The phases from <paramref name="firstEpoch"/> (whose ablation is skipped when
    /// <paramref name="resumedInside"/>) to the end.</summary>
    public static IReadOnlyList<PlannedPhase> Phases(SearchConfig config, ISearchStrategy strategy, ISearchData data,
        int firstEpoch, bool resumedInside)
    {
        var steps = StepsPerEpoch(config, data);
        var subset = Math.Max(1, Math.Ceiling(data.ValidCount * config.ValidFraction));
        var (ablationUnits, perSubsetImage) = AblationWork(config, (int)Math.Ceiling(subset / config.EvalBatchSize));
        var phases = new List<PlannedPhase>();
        for (var epoch = firstEpoch; epoch < config.Epochs; epoch++)
        {
            var plan = strategy.PlanEpoch(epoch);
            if (plan.MeasuresImportance && !(resumedInside && epoch == firstEpoch))
                phases.Add(new PlannedPhase(Ablation, ablationUnits, perSubsetImage * subset));
            phases.Add(new PlannedPhase(plan.Phase, steps, (plan.TrainsArchitecture ? 6.0 : 3.0) * config.BatchSize));
        }
        // Pruning methods choose the final cell by importance on the whole split, RSPS by the accuracy of sampled
        // cells on it; the others read it off α.
        var method = MethodModule.Of(config);
        if (method.FinalSelectionAblates)
            phases.Add(new PlannedPhase(FinalSelection, ablationUnits, perSubsetImage * data.ValidCount));
        else if (method.FinalSelectionCells > 0)
            phases.Add(new PlannedPhase(FinalSelection, method.FinalSelectionCells, data.ValidCount));
        return phases;
    }

    /// <summary>
    /// The units an importance criterion counts in one ablation (a guess until the first one runs: every op is a
    /// candidate) and the forward passes over the subset one unit costs.
    /// </summary>
    private static (int Units, double SubsetPasses) AblationWork(
        SearchConfig config, int subsetBatches) => config.Importance switch
    {
        ImportanceCriterion.Alpha => (CellTopology.EdgeCount * Operations.Count, 0),
        // A race runs each edge's ops on a share of the batches; half is the usual stop.
        ImportanceCriterion.ValidAccuracyRacing => (CellTopology.EdgeCount, Operations.Count / 2.0),
        // Screening batches (forward and backward) and the short list's ops, counted together.
        ImportanceCriterion.ValidAccuracyScreening => (subsetBatches + CellTopology.EdgeCount * config.ScreenKeep, 1),
        _ => (CellTopology.EdgeCount * Operations.Count, 1),
    };
}
