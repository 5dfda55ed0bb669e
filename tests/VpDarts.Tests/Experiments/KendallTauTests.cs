namespace VpDarts.Tests.Experiments;

public sealed class KendallTauTests
{
    [Fact]
    public void IdenticalOrderIsPlusOne() =>
        Assert.Equal(1.0, KendallTau.TauB([1, 2, 3, 4, 5], [10, 20, 30, 40, 50]), 12);

    [Fact]
    public void ReversedOrderIsMinusOne() =>
        Assert.Equal(-1.0, KendallTau.TauB([1, 2, 3, 4, 5], [5, 4, 3, 2, 1]), 12);

    [Fact]
    public void WithoutTiesItIsConcordantMinusDiscordantOverPairs()
    {
        // Pairs of (1,3) (2,1) (3,2) (4,5) (5,4): discordant (1,2) (1,3) (4,5), the other 7 concordant: (7 - 3) / 10.
        Assert.Equal(0.4, KendallTau.TauB([1, 2, 3, 4, 5], [3, 1, 2, 5, 4]), 12);
    }

    [Fact]
    public void TiesInBothSamplesShrinkTheDenominator()
    {
        // x = 1 2 2 3, y = 1 3 2 3: C = 4, D = 0, one pair tied in x, one in y, n0 = 6: 4 / √(5·5) = 0.8.
        Assert.Equal(0.8, KendallTau.TauB([1, 2, 2, 3], [1, 3, 2, 3]), 12);
        // x = 1 1 2 3, y = 1 1 2 2: C = 4, D = 0, one pair tied in x (also tied in y), two tied in y: 4 / √(5·4).
        Assert.Equal(4 / Math.Sqrt(20), KendallTau.TauB([1, 1, 2, 3], [1, 1, 2, 2]), 12);
    }

    [Fact]
    public void IsSymmetricAndIgnoresMonotoneTransforms()
    {
        double[] x = [0.3, -1, 2.5, 2.5, 7, 0];
        double[] y = [1, 2, 2, 0, 5, -3];
        Assert.Equal(KendallTau.TauB(x, y), KendallTau.TauB(y, x), 12);
        Assert.Equal(KendallTau.TauB(x, y), KendallTau.TauB(x.Select(Math.Exp).ToArray(), y.Select(v => 3 * v + 1).ToArray()), 12);
    }

    [Fact]
    public void ConstantOrTooShortSamplesGiveNaN()
    {
        Assert.True(double.IsNaN(KendallTau.TauB([2, 2, 2], [1, 2, 3])));
        Assert.True(double.IsNaN(KendallTau.TauB([1], [1])));
    }

    [Fact]
    public void MismatchedLengthsOrNaNAreRejected()
    {
        Assert.Throws<ArgumentException>(() => KendallTau.TauB([1, 2], [1, 2, 3]));
        Assert.Throws<ArgumentException>(() => KendallTau.TauB([1, double.NaN], [1, 2]));
    }

    [Fact]
    public void RanksAreOneForTheHighestAndTiesShareTheirMeanRank() =>
        Assert.Equal([1.5, 4, 1.5, 3], OpRanking.Ranks([3, 1, 3, 2]));

    [Fact]
    public void SummaryStatsUseTheSampleStandardDeviation()
    {
        var stats = SummaryStats.Of([1, 2, 3, 4]);
        Assert.Equal(2.5, stats.Mean, 12);
        Assert.Equal(Math.Sqrt(5.0 / 3), stats.Std, 12);   // Σ(x − 2.5)² = 5, divided by n − 1 = 3
        Assert.Equal("2.50 ± 1.29", stats.Format());
        Assert.Equal("7.00", SummaryStats.Of([7]).Format());
        Assert.Equal("–", SummaryStats.Of([]).Format());
    }
}
