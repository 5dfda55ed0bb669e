using static TorchSharp.torch;

namespace VpDarts.Tests.Models;

public sealed class DiscreteNetworkTests
{
    private static long ParameterCount(nn.Module module) => module.parameters().Sum(p => p.numel());

    /// <summary>Counted by hand from the NB201 structure, to cross-check the module count.</summary>
    private static long ExpectedAllConv3x3(int c, int n, int classes)
    {
        long Cell(long ch) => 6 * (9 * ch * ch + 2 * ch);                       // 6 conv3x3 + affine BN
        long Block(long i, long o) => 9 * i * o + 2 * o + 9 * o * o + 2 * o + i * o;  // conv_a, conv_b, 1x1 shortcut
        return 3 * 9 * c + 2 * c
               + n * (Cell(c) + Cell(2 * c) + Cell(4 * c))
               + Block(c, 2 * c) + Block(2 * c, 4 * c)
               + 2 * 4 * c + 4 * c * classes + classes;
    }

    [Fact]
    public void AllConv3x3NetworkHasNb201ParameterCount()
    {
        using var net = new DiscreteNetwork(Genotype.Uniform(Operation.Conv3x3), new NetworkShape(16, 5, 3, 10));
        Assert.Equal(ExpectedAllConv3x3(16, 5, 10), ParameterCount(net));
        Assert.Equal(1_531_546, ParameterCount(net));
    }

    [Fact]
    public void BestCellNetworkHasNb201ParameterCount()
    {
        var best = Genotype.Parse("|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|skip_connect~0|nor_conv_3x3~1|nor_conv_3x3~2|");
        using var net = new DiscreteNetwork(best, new NetworkShape(16, 5, 3, 10));
        Assert.Equal(1_288_506, ParameterCount(net));
    }

    [Theory]
    [InlineData("|none~0|+|none~0|none~1|+|none~0|none~1|none~2|")]
    [InlineData("|skip_connect~0|+|skip_connect~0|skip_connect~1|+|skip_connect~0|skip_connect~1|skip_connect~2|")]
    [InlineData("|avg_pool_3x3~0|+|none~0|skip_connect~1|+|nor_conv_1x1~0|none~1|avg_pool_3x3~2|")]
    public void TrainsOnAnyCell(string arch)
    {
        using var scope = NewDisposeScope();
        var net = new DiscreteNetwork(Genotype.Parse(arch), new NetworkShape(4, 1, 1, 10));
        net.train();
        var input = randn(2, 1, 28, 28);
        var copy = input.clone();
        var logits = net.forward(input);
        Assert.Equal(new long[] { 2, 10 }, logits.shape);
        nn.functional.cross_entropy(logits, tensor(new long[] { 1, 2 })).backward();
        Assert.True(input.equal(copy).all().item<bool>(), "the input must not be modified in place");
    }
}
