using TorchSharp;
using VpDarts.Proxies;
using static TorchSharp.torch;

namespace VpDarts.Tests.Proxies;

public sealed class SynflowProxyTests
{
    /// <summary>
    /// synflow = Σ |W ⊙ ∂R/∂W| over conv and linear weights, every parameter replaced by its magnitude and batch norm
    /// removed, R the sum of the logits of one all-ones image. Here batch norm is removed by a forward hook that hands
    /// on each norm's input (the proxy instead sets the norms' statistics and parameters to the identity), and ∂R/∂W
    /// is taken by central differences.
    /// </summary>
    [Fact]
    public void ScoreIsTheSumOfWeightTimesSynapticFlowGradientsByFiniteDifferences()
    {
        using var thread = ProxyReference.OneThread();
        using var scope = NewDisposeScope();
        using var network = ProxyReference.Float64(ProxyReference.NetworkSeed)();
        using (no_grad())
            foreach (var parameter in network.Module.parameters()) parameter.abs_();
        var norms = network.Module.modules().OfType<BatchNorm>().ToList();
        Assert.Equal(1 + 3 * 3 + 2 * 2 + 1, norms.Count);  // stem, 3 cells of 3 convs, 2 reductions of 2, the last
        var hooks = norms.Select(norm => norm.register_forward_hook((_, input, _) => input.clone())).ToList();
        try
        {
            using var ones = torch.ones([1, 3, ProxyReference.Size, ProxyReference.Size], ScalarType.Float64);
            double R()
            {
                using var inner = NewDisposeScope();
                using var _ = no_grad();
                return network.Forward(ones).sum().item<double>();
            }
            // With positive weights and input every ReLU passes its input, so R is linear in each single weight and
            // its central difference is exact up to rounding (about 1e-16 · R / h).
            var weights = ProxyReference.Weights(network.Module);
            var gradients = ProxyReference.CentralDifferences(weights, R, 1e-4);
            var reference = weights.Select(ProxyReference.Values)
                .Zip(gradients, (w, g) => w.Zip(g, (a, b) => Math.Abs(a * b)).Sum()).Sum();

            var score = new SynflowProxy().Score(ProxyReference.Float64(ProxyReference.NetworkSeed),
                ProxyReference.Batch(ProxyReference.BatchSeed));
            // The differences are exact but for rounding (measured agreement 2.5e-13).
            ProxyReference.AssertRelative(reference, score, 1e-10, "synflow");
        }
        finally
        {
            hooks.ForEach(h => h.remove());
        }
    }
}
