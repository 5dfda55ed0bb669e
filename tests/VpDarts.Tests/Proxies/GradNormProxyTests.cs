using VpDarts.Proxies;
using static TorchSharp.torch;

namespace VpDarts.Tests.Proxies;

public sealed class GradNormProxyTests
{
    /// <summary>grad_norm = Σ over conv and linear layers of ‖∂L/∂W‖₂, ∂L/∂W here by central differences.</summary>
    [Fact]
    public void ScoreIsTheSumOfTheLayersGradientNormsByFiniteDifferences()
    {
        using var thread = ProxyReference.OneThread();
        using var scope = NewDisposeScope();
        var reference = ProxyReference.LossGradients.Sum(g => Math.Sqrt(g.Sum(x => x * x)));
        var score = new GradNormProxy().Score(ProxyReference.Float64(ProxyReference.NetworkSeed), ProxyReference.Batch(ProxyReference.BatchSeed));
        ProxyReference.AssertRelative(reference, score, 1e-8, "grad_norm");
    }
}
