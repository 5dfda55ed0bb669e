namespace VpDarts.Tests.SearchSpace;

public sealed class CellSampleTests
{
    [Fact]
    public void ASampleIsDistinctRepeatableAndALargerOneExtendsASmallerOne()
    {
        var small = CellSample.Draw(50, 3);
        var large = CellSample.Draw(400, 3);
        Assert.Equal(400, large.Distinct().Count());
        Assert.Equal(small, large.Take(50));
        Assert.Equal(large, CellSample.Draw(400, 3));
        Assert.NotEqual(small, CellSample.Draw(50, 4));
    }

    [Fact]
    public void TheWholeSpaceCanBeDrawn()
    {
        Assert.Equal(Genotype.SpaceSize, CellSample.Draw(Genotype.SpaceSize, 0).Select(g => g.Index).Distinct().Count());
    }
}
