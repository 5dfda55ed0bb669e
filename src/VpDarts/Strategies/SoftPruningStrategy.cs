using VpDarts.Importance;
using VpDarts.Runs;
using VpDarts.SearchSpace;

namespace VpDarts.Strategies;

/// <summary>
/// VP-DARTS: at the start of every pruning epoch, rank each edge's ops by validation ablation, keep the most
/// important one and soft-prune the other four (fixed K: α ← 0; adjustable K: α ← α·factor(t)). Pruned ops stay
/// in the supernet and keep training, so they can recover.
/// </summary>
public sealed class SoftPruningStrategy(SearchConfig config) : PruningStrategy(config)
{
    private Genotype? _lastKept;
    private float[,]? _scoreSum;


    /// <inheritdoc />
    public override EpochPlan PlanEpoch(int epoch)
        => new(TrainsArchitecture: epoch >= Config.Warmup, MeasuresImportance: epoch >= Config.Warmup);

    /// <inheritdoc />
    public override EpochDecision? OnEpochStart(SearchContext context, int epoch)
    {
        var t = PruningEpoch(epoch);
        if (t < 0) return null;
        var clock = Stopwatch.StartNew();
        var importance = Evaluate(context, draw => context.ValidSubset(epoch, draw));
        var kept = Keep(importance, context.Net.AlphaValues(), final: false);
        _scoreSum = FinalChoiceRule.Add(_scoreSum, importance.Score);
        var pruned = PrunedOps(importance, kept, Config.SkipUninformativeEdges);
        var factor = PruningSchedule.Factor(Config.K, Config.Decay, t, Config.PruningEpochs, Config.DecayRate);
        ScaleAlpha(context.Net, pruned, factor);
        _lastKept = kept;
        return new EpochDecision(importance, kept, pruned, factor, clock.Elapsed.TotalSeconds);
    }

    /// <summary>
    /// Every (edge, op) except the kept op of its edge. Unless <paramref name="skipUninformative"/> is false (the
    /// authors' code), an edge whose ops all score the same is left alone this epoch: the criterion carries no
    /// information there (for instance α magnitudes still equal after a frozen warm-up), and pruning by index order
    /// would decide the search.
    /// </summary>
    public static IReadOnlyList<(int Edge, int Op)> PrunedOps(ImportanceResult importance, Genotype kept,
        bool skipUninformative = true)
    {
        var pruned = new List<(int, int)>();
        for (var e = 0; e < CellTopology.EdgeCount; e++)
        {
            var scores = Enumerable.Range(0, Operations.Count).Select(o => importance.Score[e, o]).ToList();
            if (skipUninformative && scores.All(v => v == scores[0])) continue;
            for (var o = 0; o < Operations.Count; o++)
                if (o != (int)kept[e]) pruned.Add((e, o));
        }
        return pruned;
    }

    /// <summary>
    /// The final ablation on the whole search-valid split, as for every pruning method; the cell is its choice
    /// (the paper's rule) or, with <see cref="FinalChoice.Accumulated"/>, that of its scores added to the pruning
    /// epochs' sums. Both cells are recorded, so one run shows what the other rule would have picked.
    /// </summary>
    public override FinalSelection SelectFinal(SearchContext context)
    {
        var last = base.SelectFinal(context);
        if (last.Importance is not { } final) return last;
        var alpha = context.Net.AlphaValues();
        var accumulated = FinalChoiceRule.Best(FinalChoiceRule.Add(_scoreSum, final.Score), alpha, Config.TieRule);
        var chosen = Config.FinalChoice == FinalChoice.Accumulated ? accumulated : last.Arch;
        return last with
        {
            Arch = chosen,
            ArchByRule = new Dictionary<string, string>
            {
                [OptionNames.Name(FinalChoice.LastAblation)] = last.Arch.ToString(),
                [OptionNames.Name(FinalChoice.Accumulated)] = accumulated.ToString(),
            },
        };
    }

    /// <inheritdoc />
    public override Genotype? CurrentArch(SearchContext context, int epoch)
        => _lastKept ?? base.CurrentArch(context, epoch);

    /// <inheritdoc />
    public override StrategyState SaveState() => base.SaveState() with
    {
        LastKept = _lastKept?.ToString(), ScoreSum = _scoreSum is { } sum ? FinalChoiceRule.ToRecord(sum) : null,
    };

    /// <inheritdoc />
    public override void LoadState(StrategyState state)
    {
        base.LoadState(state);
        _lastKept = state.LastKept is { } kept ? Genotype.Parse(kept) : null;
        _scoreSum = state.ScoreSum is { } sum ? FinalChoiceRule.FromRecord(sum) : null;
    }
}
