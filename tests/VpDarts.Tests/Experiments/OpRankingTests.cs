namespace VpDarts.Tests.Experiments;

public sealed class OpRankingTests
{
    /// <summary>Worth of each op in α-column order: none &lt; skip &lt; conv 1×1 &lt; avg pool &lt; conv 3×3.</summary>
    private static readonly double[] Worth = [0, 1, 2, 4, 3];

    /// <summary>A complete synthetic table whose accuracy adds each edge's op worth, so every edge ranks the ops the same way.</summary>
    internal static Nb201Table AdditiveTable(Func<Genotype, bool>? keep = null) => Nb201Table.FromEntries(
        Genotype.Enumerate().Where(g => keep?.Invoke(g) ?? true).Select(g =>
        {
            var acc = 10 + g.Ops.Select((op, e) => (e + 1) * Worth[(int)op]).Sum();   // 10..94
            return new Nb201Entry(g, new Nb201Scores(acc, acc * 0.5, acc * 0.3));
        }));

    [Fact]
    public void AnAdditiveTableGivesTheSameExactRanksOnEveryEdge()
    {
        var ranking = OpRanking.FromTable(AdditiveTable(), 100, seed: 3);
        for (var e = 0; e < CellTopology.EdgeCount; e++)
        {
            Assert.Equal(100, ranking.SamplesUsed[e]);
            Assert.Equal([5.0, 4, 3, 1, 2], Enumerable.Range(0, Operations.Count).Select(o => ranking.AverageRank[e, o]));
        }
    }

    [Fact]
    public void AgreementIsPlusOneForTheBenchmarkOrderAndMinusOneForItsReverse()
    {
        var ranking = OpRanking.FromTable(AdditiveTable(), 50);
        var same = new double[CellTopology.EdgeCount, Operations.Count];
        var reversed = new double[CellTopology.EdgeCount, Operations.Count];
        for (var e = 0; e < CellTopology.EdgeCount; e++)
            for (var o = 0; o < Operations.Count; o++)
            {
                same[e, o] = Worth[o] * 10 + e;
                reversed[e, o] = -Worth[o];
            }
        Assert.All(ranking.Agreement(same), t => Assert.Equal(1.0, t, 12));
        Assert.All(ranking.Agreement(reversed), t => Assert.Equal(-1.0, t, 12));
    }

    [Fact]
    public void OperationsWithoutAScoreAreLeftOut()
    {
        var ranking = OpRanking.FromTable(AdditiveTable(), 20);
        var score = new double[CellTopology.EdgeCount, Operations.Count];
        for (var e = 0; e < CellTopology.EdgeCount; e++)
            for (var o = 0; o < Operations.Count; o++) score[e, o] = o == 0 ? double.NaN : Worth[o];
        score[5, 1] = score[5, 2] = score[5, 3] = double.NaN;   // one op left: undefined
        var tau = ranking.Agreement(score);
        Assert.All(tau.Take(5), t => Assert.Equal(1.0, t, 12));
        Assert.True(double.IsNaN(tau[5]));
    }

    [Fact]
    public void DrawsMissingAVariantAreSkippedAndAnEdgeWithNoneFails()
    {
        var partial = AdditiveTable(g => g[0] != Operation.None);
        var error = Assert.Throws<InvalidOperationException>(() => OpRanking.FromTable(partial, 100));
        Assert.Contains("edge 1<-0", error.Message);
    }

    [Fact]
    public void TheRealTableGivesSeededReproducibleMeanRanks()
    {
        var table = Nb201Table.Load(Shared.Nb201Table);
        var a = OpRanking.FromTable(table, 100, seed: 0);
        var b = OpRanking.FromTable(table, 100, seed: 0);
        var c = OpRanking.FromTable(table, 100, seed: 1);
        Assert.Equal(a.AverageRank, b.AverageRank);
        Assert.NotEqual(a.AverageRank, c.AverageRank);
        for (var e = 0; e < CellTopology.EdgeCount; e++)
        {
            var row = Enumerable.Range(0, Operations.Count).Select(o => a.AverageRank[e, o]).ToArray();
            Assert.Equal(15.0, row.Sum(), 9);                       // ranks 1..5 always add up to 15
            Assert.All(row, r => Assert.InRange(r, 1.0, 5.0));
            Assert.Equal(row.Min(), row[(int)Operation.Conv3x3]);   // NB201: the 3×3 convolution is the best op on every edge
        }
    }
}
