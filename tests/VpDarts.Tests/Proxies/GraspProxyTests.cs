using VpDarts.Proxies;
using TorchSharp;
using static TorchSharp.torch;

namespace VpDarts.Tests.Proxies;

public sealed class GraspProxyTests
{
    /// <summary>
    /// grasp = −Σ W ⊙ (H g) over conv and linear weights. Here H g is the central difference of first-order
    /// gradients along g, (∇L(W + h·g) − ∇L(W − h·g)) / 2h, the gradients from <c>loss.backward()</c> and each
    /// weight's <c>.grad</c> rather than the double backward pass the proxy takes.
    /// </summary>
    [Fact]
    public void ScoreIsMinusWeightTimesHessianGradientByFiniteDifferencesOfGradients()
    {
        using var thread = ProxyReference.OneThread();
        using var scope = NewDisposeScope();
        using var network = ProxyReference.Float64(ProxyReference.NetworkSeed)();
        var batch = ProxyReference.Batch(ProxyReference.BatchSeed);
        var weights = ProxyReference.Weights(network.Module);
        var start = weights.Select(w => w.detach().clone()).ToList();

        List<Tensor> Gradients()
        {
            foreach (var p in network.Module.parameters()) p.grad = null;
            using (var inner = NewDisposeScope())
            {
                var logits = network.Forward(batch.Images);
                var loss = -logits.log_softmax(1).gather(1, batch.Labels.unsqueeze(1)).mean();
                loss.backward();
            }
            return weights.Select(w => w.grad!.detach().clone()).ToList();
        }

        void MoveTo(IReadOnlyList<Tensor> origin, IReadOnlyList<Tensor> direction, double step)
        {
            using var _ = no_grad();
            using var s = step.ToScalar();
            for (var i = 0; i < weights.Count; i++) weights[i].copy_(origin[i]).add_(direction[i], s);
        }

        var g = Gradients();
        // A step of 1e-6 along g in norm: the gradients' rounding error over the step is about 1e-10 of H g.
        var norm = Math.Sqrt(g.Sum(t => ProxyReference.Values(t).Sum(x => x * x)));
        var h = 1e-6 / norm;
        MoveTo(start, g, h);
        var plus = Gradients();
        MoveTo(start, g, -h);
        var minus = Gradients();
        MoveTo(start, g, 0);

        var reference = 0.0;
        for (var i = 0; i < weights.Count; i++)
        {
            var w = ProxyReference.Values(start[i]);
            var p = ProxyReference.Values(plus[i]);
            var m = ProxyReference.Values(minus[i]);
            for (var j = 0; j < w.Length; j++) reference -= w[j] * (p[j] - m[j]) / (2 * h);
        }
        var score = new GraspProxy().Score(ProxyReference.Float64(ProxyReference.NetworkSeed), batch);
        // The terms' magnitudes add up to about 170 times the score (measured: Σ |W ⊙ H g| ≈ 2.9e3, score ≈ −17),
        // so the differences' error of about 1e-12 per term shows as about 5e-10 of the score (measured 4.9e-10).
        ProxyReference.AssertRelative(reference, score, 1e-8, "grasp");
    }
}
