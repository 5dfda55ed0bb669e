using VpDarts.Models;
using VpDarts.Runs;
using VpDarts.SearchSpace;

namespace VpDarts.Strategies;

/// <summary>First-order DARTS: softmax(α), no warm-up, no pruning, argmax per edge at the end.</summary>
public sealed class DartsStrategy : ISearchStrategy
{
    /// <inheritdoc />
    public string Name => "darts";

    /// <inheritdoc />
    public ArchWeighting Weighting => ArchWeighting.Softmax;

    /// <inheritdoc />
    public double DefaultSkipDropout => 0.0;

    /// <inheritdoc />
    public EpochPlan PlanEpoch(int epoch) => new(TrainsArchitecture: true, MeasuresImportance: false);

    /// <inheritdoc />
    public Tensor EdgeWeights(Supernet net) => net.ArchWeights();

    /// <inheritdoc />
    public EpochDecision? OnEpochStart(SearchContext context, int epoch) => null;

    /// <inheritdoc />
    public Genotype? CurrentArch(SearchContext context, int epoch) => Argmax(context.Net.AlphaValues());

    /// <inheritdoc />
    public FinalSelection SelectFinal(SearchContext context)
    {
        var clock = Stopwatch.StartNew();
        return new FinalSelection(Argmax(context.Net.AlphaValues()), null, clock.Elapsed.TotalSeconds);
    }

    /// <summary>The op with the largest α on every edge (ties: lower index), as NB201's DARTS derives its cell.</summary>
    public static Genotype Argmax(float[,] alpha)
    {
        var ops = new Operation[CellTopology.EdgeCount];
        for (var e = 0; e < CellTopology.EdgeCount; e++)
        {
            var best = 0;
            for (var o = 1; o < Operations.Count; o++)
                if (alpha[e, o] > alpha[e, best]) best = o;
            ops[e] = (Operation)best;
        }
        return new Genotype(ops);
    }

    /// <inheritdoc />
    public StrategyState SaveState() => new();

    /// <inheritdoc />
    public void LoadState(StrategyState state) { }
}
