using VpDarts.Models;
using VpDarts.Runs;
using VpDarts.SearchSpace;

namespace VpDarts.Strategies;

/// <summary>
/// What the gradient baselines (DARTS-V1/V2, GDAS, DrNAS) share: α trained from the first epoch, no warm-up, no
/// pruning, softmax(α) as the weights the ablations and reports see, and the op with the largest α on each edge as
/// the cell, as NB201's <c>genotype()</c> derives it.
/// </summary>
public abstract class ArgmaxStrategy : ISearchStrategy
{
    /// <inheritdoc />
    public ArchWeighting Weighting => ArchWeighting.Softmax;


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

    /// <summary>The op with the largest α on every edge (ties: lower index), as NB201's DARTS derives its
    /// cell.</summary>
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
    public virtual StrategyState SaveState() => new();

    /// <inheritdoc />
    public virtual void LoadState(StrategyState state) { }
}
