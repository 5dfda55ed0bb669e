using VpDarts.Proxies;
using static TorchSharp.torch;

namespace VpDarts.Tests.Proxies;

public sealed class FlopsProxyTests
{
    /// <summary>
    /// flops counted by hand for the tiny network (C = 1): output elements × input channels × kernel area per conv,
    /// inputs × outputs for the classifier; the average pooling and the skip have none. The same in float32 and in
    /// float64.
    /// </summary>
    [Theory]
    // 8×8: stem 64·3·9 = 1728; cell (1 ch, 8×8) 2·64·9 + 64 = 1216; reduction 1→2 (4×4 out) conv_a 32·9,
    // conv_b 32·2·9, shortcut 32·1 = 896; cell (2 ch, 4×4) 2·32·18 + 32·2 = 1216; reduction 2→4 (2×2 out)
    // 16·18 + 16·36 + 16·2 = 896; cell (4 ch, 2×2) 2·16·36 + 16·4 = 1216; classifier 4·3 = 12.
    [InlineData(8, false, 1728 + 1216 + 896 + 1216 + 896 + 1216 + 12)]
    [InlineData(8, true, 1728 + 1216 + 896 + 1216 + 896 + 1216 + 12)]
    // 16×16: four times every conv's output elements: stem 6912, cells 4864 each, reductions 3584 each.
    [InlineData(16, false, 6912 + 4864 + 3584 + 4864 + 3584 + 4864 + 12)]
    public void ScoreIsTheMultiplyAddsCountedByHand(int size, bool float64, int expected)
    {
        using var scope = NewDisposeScope();
        var type = float64 ? ScalarType.Float64 : ScalarType.Float32;
        var build = float64
            ? ProxyReference.Float64(seed: 3)
            : ProxyNetwork.Discrete(ProxyReference.Cell, ProxyReference.Shape, seed: 3);
        var batch = new ProxyBatch(zeros([ProxyReference.Images, 3, size, size], type), zeros([ProxyReference.Images], ScalarType.Int64));
        Assert.Equal(expected, new FlopsProxy().Score(build, batch));
    }
}
