using TorchSharp;
using VpDarts.Proxies;
using static TorchSharp.torch;

namespace VpDarts.Tests.Proxies;

public sealed class ZicoProxyTests
{
    /// <summary>
    /// zico = Σ over conv and linear layers with S &gt; 0 of log S, S = Σ over the layer's weights with a non-zero
    /// standard deviation of mean|g| / std(g) over the two half-batches' gradients g (population standard deviation,
    /// for two values |g₁ − g₂| / 2). The halves' gradients come from <c>loss.backward()</c> and each weight's
    /// <c>.grad</c>, the formula is computed by hand. Channel 0 of the images is zero, so the nine stem weights that
    /// read it have a zero gradient in both halves, which the score must skip (0 / 0 otherwise).
    /// </summary>
    [Fact]
    public void ScoreIsTheSumOfLogSignalToNoiseOfTheHalfBatchGradients()
    {
        using var thread = ProxyReference.OneThread();
        using var scope = NewDisposeScope();
        var batch = ProxyReference.Batch(ProxyReference.BatchSeed);
        using (no_grad())
        using (var channel = batch.Images.narrow(1, 0, 1))
            channel.zero_();
        using var network = ProxyReference.Float64(ProxyReference.NetworkSeed)();
        var weights = ProxyReference.Weights(network.Module);

        double[][] HalfGradients(int start)
        {
            foreach (var p in network.Module.parameters()) p.grad = null;
            using var inner = NewDisposeScope();
            var images = batch.Images.narrow(0, start, ProxyReference.Images / 2);
            var labels = batch.Labels.narrow(0, start, ProxyReference.Images / 2);
            var logits = network.Forward(images);
            var loss = -logits.log_softmax(1).gather(1, labels.unsqueeze(1)).mean();
            loss.backward();
            return weights.Select(w => ProxyReference.Values(w.grad!)).ToArray();
        }

        var first = HalfGradients(0);
        var second = HalfGradients(ProxyReference.Images / 2);
        var reference = 0.0;
        var skipped = new int[weights.Count];
        for (var layer = 0; layer < weights.Count; layer++)
        {
            var sum = 0.0;
            for (var i = 0; i < first[layer].Length; i++)
            {
                var (a, b) = (first[layer][i], second[layer][i]);
                var std = Math.Abs(a - b) / 2;
                if (std == 0)
                {
                    skipped[layer]++;
                    continue;
                }
                sum += (Math.Abs(a) + Math.Abs(b)) / 2 / std;
            }
            if (sum > 0) reference += Math.Log(sum);
        }
        // The stem's weights on channel 0; and in stage 2, whose maps are 2×2, weights that read one or two pixels
        // where a ReLU is off in all images of both halves (measured: 40 of them).
        var stem = weights.FindIndex(w => w.shape.SequenceEqual([1L, 3, 3, 3]));
        Assert.Equal(9, skipped[stem]);
        Assert.True(skipped.Sum() > 9);

        var score = new ZicoProxy().Score(ProxyReference.Float64(ProxyReference.NetworkSeed), batch);
        ProxyReference.AssertRelative(reference, score, 1e-10, "zico");
    }

    /// <summary>On all-zero images every conv and linear weight's gradient is zero in both halves, so every layer's S
    /// is 0 and is left out: the score is 0, not log 0.</summary>
    [Fact]
    public void LayersWithNoSignalAreLeftOut()
    {
        using var scope = NewDisposeScope();
        var batch = ProxyReference.Batch(ProxyReference.BatchSeed);
        var zero = new ProxyBatch(zeros_like(batch.Images), batch.Labels);
        Assert.Equal(0.0, new ZicoProxy().Score(ProxyReference.Float64(ProxyReference.NetworkSeed), zero));
    }
}
