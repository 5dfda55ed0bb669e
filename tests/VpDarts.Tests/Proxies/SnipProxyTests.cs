using VpDarts.Proxies;
using static TorchSharp.torch;

namespace VpDarts.Tests.Proxies;

public sealed class SnipProxyTests
{
    /// <summary>snip = Σ |W ⊙ ∂L/∂W| over conv and linear weights, ∂L/∂W here by central differences.</summary>
    [Fact]
    public void ScoreIsTheSumOfWeightTimesGradientMagnitudesByFiniteDifferences()
    {
        using var thread = ProxyReference.OneThread();
        using var scope = NewDisposeScope();
        using var network = ProxyReference.Float64(ProxyReference.NetworkSeed)();
        var weights = ProxyReference.Weights(network.Module).Select(ProxyReference.Values).ToList();
        var reference = weights.Zip(ProxyReference.LossGradients, (w, g) => w.Zip(g, (a, b) => Math.Abs(a * b)).Sum()).Sum();
        var score = new SnipProxy().Score(ProxyReference.Float64(ProxyReference.NetworkSeed), ProxyReference.Batch(ProxyReference.BatchSeed));
        ProxyReference.AssertRelative(reference, score, 1e-8, "snip");
    }
}
