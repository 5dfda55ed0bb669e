using VpDarts.Benchmark;
using VpDarts.SearchSpace;

namespace VpDarts.Reporting;

/// <summary>
/// The benchmark's ranking of the five operations on each edge (the paper's "actual ranking", Section 3.3): draw
/// random cells, put each operation on the edge in turn, rank the five resulting cells by their table accuracy
/// (1 = best, ties share the mean of their ranks) and average each operation's rank over the draws.
/// </summary>
/// <param name="AverageRank">[edge, op] mean rank in 1..5, lower = better.</param>
/// <param name="SamplesUsed">Per edge, the draws whose five variants were all in the table.</param>
/// <param name="Seed">Seed of the draw.</param>
/// <param name="Dataset">Whose accuracy ranks the cells.</param>
public sealed record OpRanking(double[,] AverageRank, int[] SamplesUsed, int Seed, Nb201Dataset Dataset)
{
    /// <summary>The paper's number of random cells.</summary>
    public const int DefaultSamples = 100;

    /// <summary>
    /// Computes the ranking from <paramref name="samples"/> distinct cells drawn with <c>new Random(seed)</c> through
    /// <see cref="Nb201Table.SampleRandom"/>; the same draw serves every edge.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="samples"/> is not in 1..table size.</exception>
    /// <exception cref="InvalidOperationException">Some edge has no draw whose five variants are all in the
    /// table.</exception>
    public static OpRanking FromTable(Nb201Table table, int samples = DefaultSamples, int seed = 0,
        Nb201Dataset dataset = Nb201Dataset.Cifar10)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentOutOfRangeException.ThrowIfLessThan(samples, 1);
        var cells = table.SampleRandom(samples, new Random(seed));
        var sums = new double[CellTopology.EdgeCount, Operations.Count];
        var used = new int[CellTopology.EdgeCount];
        var accuracy = new double[Operations.Count];
        for (var edge = 0; edge < CellTopology.EdgeCount; edge++)
        {
            foreach (var cell in cells)
            {
                var complete = true;
                for (var op = 0; op < Operations.Count && complete; op++)
                {
                    var ops = cell.Genotype.Ops.ToArray();
                    ops[edge] = (Operation)op;
                    complete = table.TryGet(new Genotype(ops), out var scores);
                    accuracy[op] = complete ? scores[dataset] : double.NaN;
                }
                if (!complete) continue;
                var ranks = Ranks(accuracy);
                for (var op = 0; op < Operations.Count; op++) sums[edge, op] += ranks[op];
                used[edge]++;
            }
            if (used[edge] == 0)
                throw new InvalidOperationException($"edge {CellTopology.EdgeLabel(edge)}: none of the {samples} " +
                    $"drawn cells has all five variants in {table.Source}");
            for (var op = 0; op < Operations.Count; op++) sums[edge, op] /= used[edge];
        }
        return new OpRanking(sums, used, seed, dataset);
    }

    /// <summary>Ranks of <paramref name="values"/>, 1 = highest; tied values share the mean of the ranks they
    /// span.</summary>
    public static double[] Ranks(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var order = Enumerable.Range(0, values.Count).OrderByDescending(i => values[i]).ToArray();
        var ranks = new double[values.Count];
        for (var start = 0; start < order.Length;)
        {
            var end = start;
            while (end + 1 < order.Length && values[order[end + 1]] == values[order[start]]) end++;
            var shared = (start + end) / 2.0 + 1;
            for (var k = start; k <= end; k++) ranks[order[k]] = shared;
            start = end + 1;
        }
        return ranks;
    }

    /// <summary>
    /// Kendall τ-b per edge between a score (higher = judged more important) and this ranking (lower rank = better);
    /// operations whose score is NaN are left out of their edge. NaN for an edge where fewer than two remain or the
    /// score is constant.
    /// </summary>
    public double[] Agreement(double[,] score)
    {
        ArgumentNullException.ThrowIfNull(score);
        var tau = new double[CellTopology.EdgeCount];
        for (var edge = 0; edge < CellTopology.EdgeCount; edge++)
        {
            var ops = Enumerable.Range(0, Operations.Count).Where(op => !double.IsNaN(score[edge, op])).ToArray();
            tau[edge] = ops.Length < 2
                ? double.NaN
                : KendallTau.TauB(ops.Select(op => score[edge, op]).ToArray(),
                    ops.Select(op => -AverageRank[edge, op]).ToArray());
        }
        return tau;
    }
}
