using VpDarts.Proxies;
using static TorchSharp.torch;

namespace VpDarts.Tests.Proxies;

public sealed class ParamsProxyTests
{
    /// <summary>
    /// params counted by hand for the tiny cell (edges conv3x3, skip, conv1x1, none, avg pool, conv3x3): every conv
    /// has no bias and an affine batch norm after it (2 parameters per channel), except the reductions' shortcut conv.
    /// </summary>
    [Theory]
    // C = 1: stem 3·1·9 + 2 = 29; cell (1 ch) 2·(9 + 2) + (1 + 2) = 25; reduction 1→2: conv_a 18 + 4, conv_b 36 + 4,
    // shortcut 2 = 64; cell (2 ch) 2·(36 + 4) + (4 + 4) = 88; reduction 2→4: 72 + 8 + 144 + 8 + 8 = 240;
    // cell (4 ch) 2·(144 + 8) + (16 + 8) = 328; last batch norm 8; classifier 4·3 + 3 = 15.
    [InlineData(1, 29 + 25 + 64 + 88 + 240 + 328 + 8 + 15)]
    // C = 2: stem 54 + 4; cells (2, 4, 8 ch) 88, 328, 2·(576 + 16) + (64 + 16); reductions 2→4 240,
    // 4→8 288 + 16 + 576 + 16 + 32; last batch norm 16; classifier 8·3 + 3.
    [InlineData(2, 58 + 88 + 240 + 328 + 928 + 1264 + 16 + 27)]
    public void ScoreIsTheParameterCountOfTheCell(int channels, int expected)
    {
        using var scope = NewDisposeScope();
        var build = ProxyNetwork.Discrete(ProxyReference.Cell, new NetworkShape(channels, 1, 3, ProxyReference.Classes), seed: 3);
        var batch = ProxyReference.Batch(ProxyReference.BatchSeed);
        Assert.Equal(expected, new ParamsProxy().Score(build, batch));
    }
}
