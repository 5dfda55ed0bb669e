using VpDarts.SearchSpace;
using static TorchSharp.torch;

namespace VpDarts.Tests.Models;

public sealed class ChannelsLastTests
{
    [Fact]
    public void OfKeepsTheValuesAndShapeAndLaysChannelsOutFastest()
    {
        using var scope = NewDisposeScope();
        var x = randn(2, 3, 4, 5);
        Assert.False(ChannelsLast.Holds(x));
        var y = ChannelsLast.Of(x);
        Assert.True(ChannelsLast.Holds(y));
        Assert.Equal(x.shape, y.shape);
        Assert.True(x.eq(y).all().item<bool>());
        Assert.Equal(new long[] { 60, 1, 15, 3 }, y.stride());
    }

    [Fact]
    public void ASearchCellKeepsChannelsLastInItsOutputAndInTheGradientItHandsBack()
    {
        using var scope = NewDisposeScope();
        manual_seed(1);
        var cell = new SearchCell(8);
        cell.train();
        var alpha = full(CellTopology.EdgeCount, Operations.Count, 0.2f).requires_grad_(true);
        var scalars = new Tensor[CellTopology.EdgeCount, Operations.Count];
        for (var e = 0; e < CellTopology.EdgeCount; e++)
            for (var o = 0; o < Operations.Count; o++) scalars[e, o] = alpha[e, o];
        var input = ChannelsLast.Of(randn(4, 8, 16, 16)).requires_grad_(true);
        var output = cell.Forward(input, new CellWeights(scalars, null, 0.2));
        Assert.True(ChannelsLast.Holds(output));
        output.sum().backward();
        Assert.True(ChannelsLast.Holds(input.grad!));
    }

    [Fact]
    public void AReductionBlockKeepsChannelsLast()
    {
        using var scope = NewDisposeScope();
        var block = new ResNetBasicBlock(8, 16);
        block.train();
        Assert.True(ChannelsLast.Holds(block.forward(ChannelsLast.Of(randn(4, 8, 16, 16)))));
    }
}
