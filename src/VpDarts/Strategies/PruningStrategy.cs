using VpDarts.Data;
using VpDarts.Importance;
using VpDarts.Models;
using VpDarts.Runs;
using VpDarts.SearchSpace;

namespace VpDarts.Strategies;

/// <summary>
/// What VP-DARTS and its hard-pruning baselines share: raw α (no softmax), skip dropout, warm-up with α frozen,
/// an op mask for permanently removed ops, and a final choice by importance on the whole search-valid set.
/// </summary>
public abstract class PruningStrategy(SearchConfig config) : ISearchStrategy
{
    /// <summary>Ops still in the supernet; hard pruning clears entries for good.</summary>
    protected bool[,] Alive { get; } = CellTopology.EveryOp(true);

    /// <summary>The run's settings.</summary>
    protected SearchConfig Config { get; } = config;


    /// <inheritdoc />
    public ArchWeighting Weighting => ArchWeighting.Raw;


    /// <inheritdoc />
    public virtual EpochPlan PlanEpoch(int epoch)
        => new(TrainsArchitecture: epoch >= Config.Warmup, MeasuresImportance: false);

    /// <summary>Index of <paramref name="epoch"/> among the pruning epochs (negative during warm-up).</summary>
    protected int PruningEpoch(int epoch) => epoch - Config.Warmup;

    /// <inheritdoc />
    public Tensor EdgeWeights(Supernet net)
    {
        if (AliveCount() == CellTopology.EdgeCount * Operations.Count) return net.ArchWeights();
        using var scope = NewDisposeScope();
        var mask = MaskTensor().to(net.Alpha.device);
        return net.ArchWeights().mul(mask).MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    public abstract EpochDecision? OnEpochStart(SearchContext context, int epoch);

    /// <inheritdoc />
    public virtual Genotype? CurrentArch(SearchContext context, int epoch)
    {
        if (epoch < Config.Warmup) return null;
        var alpha = context.Net.AlphaValues();
        for (var e = 0; e < CellTopology.EdgeCount; e++)
            for (var o = 0; o < Operations.Count; o++)
                if (!Alive[e, o]) alpha[e, o] = float.NegativeInfinity;
        return ArgmaxStrategy.Argmax(alpha);
    }

    /// <inheritdoc />
    public virtual FinalSelection SelectFinal(SearchContext context)
    {
        var clock = Stopwatch.StartNew();
        var importance = Evaluate(context, _ => context.FullValid());
        return new FinalSelection(Keep(importance, context.Net.AlphaValues(), final: true), importance,
            clock.Elapsed.TotalSeconds);
    }

    /// <summary>
    /// The op to keep on each edge by <paramref name="importance"/> under the run's <see cref="TieRule"/>: ties to
    /// the larger |α| (then the lower index), or as the authors' code (the higher index in an epoch, the lower at the
    /// end).
    /// </summary>
    protected Genotype Keep(ImportanceResult importance, float[,] alpha, bool final) =>
        Config.TieRule == TieRule.Code ? importance.BestArchByIndex(higherIndex: !final) : importance.BestArch(alpha);

    /// <summary>Scores every live op with the run's criterion on <paramref name="batches"/>.</summary>
    protected ImportanceResult Evaluate(SearchContext context, Func<int, IReadOnlyList<Batch>> batches)
    {
        using var scope = NewDisposeScope();
        var weights = EdgeWeights(context.Net).detach();
        return context.Importance.Evaluate(context.Net, weights, Alive, batches, context.Progress);
    }

    /// <summary>Multiplies α[e, o] by <paramref name="factor"/> for each listed op.</summary>
    protected static void ScaleAlpha(Supernet net, IEnumerable<(int Edge, int Op)> ops, double factor)
    {
        var alpha = net.AlphaValues();
        foreach (var (e, o) in ops) alpha[e, o] = (float)(alpha[e, o] * factor);
        net.SetAlpha(alpha);
    }

    private int AliveCount() => Alive.Cast<bool>().Count(a => a);

    private Tensor MaskTensor()
    {
        var mask = new float[CellTopology.EdgeCount, Operations.Count];
        for (var e = 0; e < CellTopology.EdgeCount; e++)
            for (var o = 0; o < Operations.Count; o++)
                mask[e, o] = Alive[e, o] ? 1f : 0f;
        return tensor(mask);
    }

    /// <inheritdoc />
    public virtual StrategyState SaveState() => StrategyState.WithMask(Alive);

    /// <inheritdoc />
    public virtual void LoadState(StrategyState state)
    {
        if (state.Alive is null) return;
        var alive = state.OpMask();
        for (var e = 0; e < CellTopology.EdgeCount; e++)
            for (var o = 0; o < Operations.Count; o++)
                Alive[e, o] = alive[e, o];
    }
}
