using VpDarts.Runs;
using VpDarts.SearchSpace;

namespace VpDarts.Strategies;

/// <summary>
/// Progressive hard pruning (P-DARTS's search-space approximation): the pruning epochs fall into three stages that
/// keep 5, 3 and 2 ops per edge; ops dropped at a stage start are removed for good; the end keeps 1.
/// </summary>
public sealed class ProgressivePruningStrategy(SearchConfig config) : PruningStrategy(config)
{
    /// <inheritdoc />
    public override EpochPlan PlanEpoch(int epoch)
        => base.PlanEpoch(epoch) with { MeasuresImportance = StageSize(epoch) is not null };

    /// <inheritdoc />
    public override EpochDecision? OnEpochStart(SearchContext context, int epoch)
    {
        if (StageSize(epoch) is not { } keep) return null;

        var clock = Stopwatch.StartNew();
        var importance = Evaluate(context, draw => context.ValidSubset(epoch, draw));
        var alpha = context.Net.AlphaValues();
        var pruned = new List<(int, int)>();
        for (var e = 0; e < CellTopology.EdgeCount; e++)
        {
            var survivors = importance.TopOps(e, keep, alpha);
            for (var o = 0; o < Operations.Count; o++)
            {
                if (!Alive[e, o] || survivors.Contains(o)) continue;
                Alive[e, o] = false;
                pruned.Add((e, o));
            }
        }
        ScaleAlpha(context.Net, pruned, 0.0);
        return new EpochDecision(importance, importance.BestArch(alpha), pruned, 0.0, clock.Elapsed.TotalSeconds);
    }

    /// <summary>The ops per edge a stage starting at <paramref name="epoch"/> keeps; null when no stage starts or it
    /// would keep them all.</summary>
    private int? StageSize(int epoch)
    {
        var t = PruningEpoch(epoch);
        if (t < 0 || !PruningSchedule.StartsProgressiveStage(t, Config.PruningEpochs)) return null;
        var keep = PruningSchedule.ProgressiveStageSizes[PruningSchedule.ProgressiveStage(t, Config.PruningEpochs)];
        return keep < LiveOpsPerEdge() ? keep : null;
    }

    /// <summary>Live ops on each edge (the same on every edge).</summary>
    public int LiveOpsPerEdge() => Enumerable.Range(0, Operations.Count).Count(o => Alive[0, o]);
}
