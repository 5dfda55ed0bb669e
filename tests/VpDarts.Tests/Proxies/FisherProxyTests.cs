using TorchSharp;
using TorchSharp.Modules;
using VpDarts.Proxies;
using static TorchSharp.torch;

namespace VpDarts.Tests.Proxies;

public sealed class FisherProxyTests
{
    /// <summary>
    /// fisher = Σ over conv and linear layers and their channels c of ½ · mean over images n of
    /// (Σ over positions a ⊙ ∂L/∂a)², times the layer's weights per output channel (the authors' code spreads the
    /// channel's value over them and sums per weight). That inner sum is dL/dt at t = 0 when the layer's output for image n and
    /// channel c is scaled by (1 + t), taken here by central differences through a forward hook of the test's own.
    /// </summary>
    [Fact]
    public void ScoreIsHalfTheMeanSquareOfTheLossDerivativeAlongEachChannelsScale()
    {
        using var thread = ProxyReference.OneThread();
        using var scope = NewDisposeScope();
        using var network = ProxyReference.Float64(ProxyReference.NetworkSeed)();
        var batch = ProxyReference.Batch(ProxyReference.BatchSeed);
        var layers = network.Module.modules().Where(m => m is Conv2d or Linear).Cast<nn.Module<Tensor, Tensor>>().ToList();

        (int Image, long Channel, double Factor)? scaling = null;
        const double h = 1e-6;
        var reference = 0.0;
        foreach (var layer in layers)
        {
            var hook = layer.register_forward_hook((_, _, output) =>
            {
                if (scaling is not { } s) return output;
                var scaled = output.clone();
                using var factor = s.Factor.ToScalar();
                using var slice = scaled[s.Image, s.Channel];
                slice.mul_(factor);
                return scaled;
            });
            try
            {
                var weight = layer is Linear linear ? linear.weight : ((Conv2d)layer).weight;
                var channels = weight.shape[0];
                var perChannel = weight.shape.Skip(1).Aggregate(1L, (a, b) => a * b);
                for (var c = 0L; c < channels; c++)
                {
                    var squares = 0.0;
                    for (var n = 0; n < ProxyReference.Images; n++)
                    {
                        scaling = (n, c, 1 + h);
                        var plus = ProxyReference.Loss(network, batch.Images, batch.Labels);
                        scaling = (n, c, 1 - h);
                        var minus = ProxyReference.Loss(network, batch.Images, batch.Labels);
                        scaling = null;
                        var derivative = (plus - minus) / (2 * h);
                        squares += derivative * derivative;
                    }
                    reference += perChannel * 0.5 * squares / ProxyReference.Images;
                }
            }
            finally
            {
                hook.remove();
            }
        }

        var score = new FisherProxy().Score(ProxyReference.Float64(ProxyReference.NetworkSeed), batch);
        ProxyReference.AssertRelative(reference, score, 1e-8, "fisher");
    }
}
