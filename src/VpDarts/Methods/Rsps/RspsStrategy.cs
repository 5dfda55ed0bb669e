using VpDarts.Data;
using VpDarts.Models;
using VpDarts.Runs;
using VpDarts.Runtime;
using VpDarts.SearchSpace;
using VpDarts.Strategies;

namespace VpDarts.Methods.Rsps;

/// <summary>
/// RSPS in the shared loop: α is never trained; each training step's forward pass computes one cell drawn uniformly
/// from torch's default generator (the state a checkpoint saves, so a resumed run draws the same cells); the final
/// choice draws <paramref name="candidates"/> distinct cells from a generator seeded by the run's seed and keeps the
/// one most accurate on the whole search-valid split (ties: the first drawn).
/// </summary>
public sealed class RspsStrategy(int seed, int candidates) : ISearchStrategy
{
    /// <summary>Key of the final draw's seed stream, apart from every other use of the run's seed.</summary>
    private const long FinalDrawKey = 0x5253_5053;

    /// <summary>The uniform mixture of every op, which the records show as the edge weights; training never uses
    /// it.</summary>
    public ArchWeighting Weighting => ArchWeighting.Softmax;

    /// <inheritdoc />
    public EpochPlan PlanEpoch(int epoch)
        => new(TrainsArchitecture: false, MeasuresImportance: false) { Phase = "search" };

    /// <inheritdoc />
    public Tensor EdgeWeights(Supernet net) => net.ArchWeights();

    /// <summary>The logits of the cell drawn for this step: one op per edge, uniformly.</summary>
    public Tensor TrainingLogits(Supernet net, Tensor images)
    {
        using var scope = NewDisposeScope();
        using var drawn = randint(0, Operations.Count, [CellTopology.EdgeCount], ScalarType.Int64);
        var ops = drawn.data<long>().Select(o => (Operation)o).ToArray();
        var (weights, computed) = CellWeightsOf(new Genotype(ops), net.Alpha.device);
        return net.Forward(images, weights, computed: computed).MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    public EpochDecision? OnEpochStart(SearchContext context, int epoch) => null;

    /// <summary>Nothing is learned about the cell while the supernet trains.</summary>
    public Genotype? CurrentArch(SearchContext context, int epoch) => null;

    /// <inheritdoc />
    public FinalSelection SelectFinal(SearchContext context)
    {
        var clock = Stopwatch.StartNew();
        var drawn = Candidates(seed, candidates);
        Genotype? best = null;
        var bestAccuracy = double.NegativeInfinity;
        for (var i = 0; i < drawn.Count; i++)
        {
            var accuracy = Accuracy(context.Net, drawn[i], context.FullValid());
            if (accuracy > bestAccuracy) (best, bestAccuracy) = (drawn[i], accuracy);
            context.Progress?.Advance(i + 1, drawn.Count, "cells");
        }
        return new FinalSelection(best!, null, clock.Elapsed.TotalSeconds);
    }

    /// <summary>The <paramref name="count"/> distinct cells the final choice of a run with <paramref name="seed"/>
    /// measures, in the order drawn.</summary>
    public static IReadOnlyList<Genotype> Candidates(int seed, int count)
    {
        var random = new Random(Seeds.Mix(seed, FinalDrawKey, 0));
        var drawn = new List<int>();
        var seen = new HashSet<int>();
        while (drawn.Count < Math.Min(count, Genotype.SpaceSize))
            if (random.Next(Genotype.SpaceSize) is var index && seen.Add(index)) drawn.Add(index);
        return drawn.Select(Genotype.FromIndex).ToList();
    }

    /// <inheritdoc />
    public StrategyState SaveState() => new();

    /// <inheritdoc />
    public void LoadState(StrategyState state) { }

    /// <summary>Share of <paramref name="batches"/> that <paramref name="cell"/> classifies correctly with the shared
    /// weights, dropout off.</summary>
    public static double Accuracy(Supernet net, Genotype cell, IReadOnlyList<Batch> batches)
    {
        long correct = 0, seen = 0;
        var wasTraining = net.training;
        net.train();  // batch statistics, as every search-valid measurement of the supernet
        try
        {
            using var frozen = BatchNormStatistics.Freeze(net);
            using var noGrad = no_grad();
            foreach (var batch in batches)
            {
                using var scope = NewDisposeScope();
                var (weights, computed) = CellWeightsOf(cell, net.Alpha.device);
                var logits = net.Forward(batch.Images, weights, dropout: false, computed: computed);
                using var hits = logits.argmax(1).eq(batch.Labels).sum().cpu();
                correct += hits.item<long>();
                seen += batch.Labels.shape[0];
            }
        }
        finally
        {
            if (!wasTraining) net.eval();
        }
        return seen == 0 ? 0 : correct / (double)seen;
    }

    /// <summary>The one-hot edge weights of <paramref name="cell"/> on <paramref name="device"/>, and its ops as the
    /// computed mask.</summary>
    private static (Tensor Weights, bool[,] Computed) CellWeightsOf(Genotype cell, Device device)
    {
        var values = new float[CellTopology.EdgeCount, Operations.Count];
        var computed = new bool[CellTopology.EdgeCount, Operations.Count];
        for (var e = 0; e < CellTopology.EdgeCount; e++)
        {
            values[e, (int)cell[e]] = 1f;
            computed[e, (int)cell[e]] = true;
        }
        using var host = tensor(values);
        return (host.to(device), computed);
    }
}
