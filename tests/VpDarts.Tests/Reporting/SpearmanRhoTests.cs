namespace VpDarts.Tests.Reporting;

public sealed class SpearmanRhoTests
{
    [Fact]
    public void OneSwappedPairOfFourGivesTheTextbookValue()
    {
        // 1 − 6 Σd² / (n(n² − 1)) = 1 − 6 · 2 / 60
        Assert.Equal(0.8, SpearmanRho.Of([1, 2, 3, 4], [1, 3, 2, 4]), 12);
        Assert.Equal(-1.0, SpearmanRho.Of([1, 2, 3, 4], [40, 30, 20, 10]), 12);
    }

    [Fact]
    public void TiedValuesShareTheirMeanRank()
    {
        Assert.Equal([1.5, 1.5, 3, 4], SpearmanRho.Ranks([7, 7, 8, 9]));
        // ranks (1.5, 1.5, 3, 4) against (1, 2, 3, 4): Σdxdy = 4.5, Σdx² = 4.5, Σdy² = 5
        Assert.Equal(4.5 / Math.Sqrt(4.5 * 5), SpearmanRho.Of([7, 7, 8, 9], [1, 2, 3, 4]), 12);
    }

    [Fact]
    public void AConstantSampleHasNoCorrelation()
    {
        Assert.True(double.IsNaN(SpearmanRho.Of([1, 1, 1], [1, 2, 3])));
        Assert.Throws<ArgumentException>(() => SpearmanRho.Of([1, double.NaN], [1, 2]));
    }
}
