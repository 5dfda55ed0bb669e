using VpDarts.Proxies;
using static TorchSharp.torch;

namespace VpDarts.Tests.Proxies;

public sealed class ProxySmokeTests
{
    [Fact]
    public void EveryProxyGivesAFiniteScoreThatRepeats()
    {
        using var scope = NewDisposeScope();
        var genotype = Genotype.Parse("|nor_conv_3x3~0|+|skip_connect~0|nor_conv_1x1~1|+|none~0|avg_pool_3x3~1|nor_conv_3x3~2|");
        var build = ProxyNetwork.Discrete(genotype, new NetworkShape(4, 1, 3, 10), seed: 7);
        var generator = new Generator(11);
        var batch = new ProxyBatch(randn([8, 3, 16, 16], generator: generator), randint(0, 10, [8], generator: generator));
        foreach (var proxy in ZeroCostProxies.All)
        {
            var first = proxy.Score(build, batch);
            var second = proxy.Score(build, batch);
            Console.WriteLine($"{proxy.Name}: {first}");
            Assert.True(double.IsFinite(first), $"{proxy.Name}: {first}");
            Assert.Equal(first, second);
        }
    }
}
