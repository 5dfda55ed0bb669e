using TorchSharp;
using VpDarts.Proxies;
using static TorchSharp.torch;

namespace VpDarts.Tests.Proxies;

public sealed class ZenProxyTests
{
    private const double Alpha = 0.01;

    /// <summary>
    /// zen = log(mean over images of Σ |f(x) − f(x + αε)|) + Σ over batch norms of log √(mean over channels of σ²),
    /// σ² each batch norm's running variance after the two passes (momentum 0.1 from 1, unbiased batch variances).
    /// The network the proxy builds records the weights and images of each of its passes; the test checks that the
    /// weights were drawn as the doc says (conv and linear weights N(0, 1), biases 0, batch-norm scale 1 and shift
    /// 0) and the second images are the first plus α times unit noise, then runs a copy of those weights on those
    /// images, takes f and each batch norm's input through its own hooks and computes the formula by hand.
    /// </summary>
    [Fact]
    public void ScoreIsTheLogFeatureChangeAndBatchNormScalesOfItsOwnPasses()
    {
        using var thread = ProxyReference.OneThread();
        using var scope = NewDisposeScope();
        var batch = ProxyReference.Batch(ProxyReference.BatchSeed);
        var passes = new List<(Tensor Images, Dictionary<string, Tensor> Parameters)>();
        Func<ProxyNetwork> recording = () =>
        {
            var inner = ProxyReference.Float64(ProxyReference.NetworkSeed)();
            var module = inner.Module;
            return new ProxyNetwork(module, images =>
            {
                passes.Add((images.detach().clone().DetachFromDisposeScope(),
                    module.named_parameters().ToDictionary(p => p.name, p => p.parameter.detach().clone().DetachFromDisposeScope())));
                return inner.Forward(images);
            });
        };
        try
        {
            var score = new ZenProxy().Score(recording, batch);
            Check(score, batch, passes);
        }
        finally
        {
            foreach (var (images, parameters) in passes)
            {
                images.Dispose();
                foreach (var p in parameters.Values) p.Dispose();
            }
        }
    }

    /// <summary>Checks the draws of the proxy's two <paramref name="passes"/> on <paramref name="batch"/> and recomputes
    /// its <paramref name="score"/>.</summary>
    private static void Check(double score, ProxyBatch batch, List<(Tensor Images, Dictionary<string, Tensor> Parameters)> passes)
    {
        Assert.Equal(2, passes.Count);
        var (x, drawn) = passes[0];
        var mixed = passes[1].Images;
        Assert.Equal(batch.Images.dtype, x.dtype);
        Assert.Equal(batch.Images.shape, x.shape);
        foreach (var (name, value) in drawn) Assert.Equal(ProxyReference.Values(value), ProxyReference.Values(passes[1].Parameters[name]));
        using var network = ProxyReference.Float64(ProxyReference.NetworkSeed)();
        var weights = new List<double>();
        foreach (var (name, parameter) in network.Module.named_parameters())
        {
            var value = ProxyReference.Values(drawn[name]);
            if (name.EndsWith("bn.weight", StringComparison.Ordinal)) Assert.All(value, v => Assert.Equal(1.0, v));
            else if (name.EndsWith("bias", StringComparison.Ordinal)) Assert.All(value, v => Assert.Equal(0.0, v));
            else
            {
                Assert.NotEqual(ProxyReference.Values(parameter), value);  // drawn anew
                weights.AddRange(value);
            }
            using (no_grad()) parameter.copy_(drawn[name]);
        }
        Assert.Equal(ProxyReference.Weights(network.Module).Sum(w => w.numel()), weights.Count);
        AssertStandardNormal(weights, "weights");
        AssertStandardNormal(ProxyReference.Values(x), "x");
        var noise = ProxyReference.Values(mixed).Zip(ProxyReference.Values(x), (m, v) => (m - v) / Alpha).ToList();
        AssertStandardNormal(noise, "ε");

        var variances = new Dictionary<BatchNorm, List<double[]>>();
        var features = new List<double[]>();
        var hooks = new List<Action>();
        foreach (var module in network.Module.modules())
        {
            if (module is BatchNorm norm)
            {
                var handle = norm.register_forward_hook((_, input, output) =>
                {
                    if (!variances.TryGetValue(norm, out var passes)) variances[norm] = passes = [];
                    passes.Add(ChannelVariances(input));
                    return output;
                });
                hooks.Add(handle.remove);
            }
            else if (module is LastAct last)
            {
                var handle = last.register_forward_hook((_, _, output) =>
                {
                    features.Add(ProxyReference.Values(output));
                    return output;
                });
                hooks.Add(handle.remove);
            }
        }
        using (no_grad())
        {
            network.Forward(x).Dispose();
            network.Forward(mixed).Dispose();
        }
        hooks.ForEach(remove => remove());
        Assert.Equal(1 + 3 * 3 + 2 * 2 + 1, variances.Count);
        var logScales = 0.0;
        foreach (var (first, second) in variances.Values.Select(v => (v[0], v[1])))
        {
            var running = first.Zip(second, (a, b) => 0.9 * (0.9 * 1 + 0.1 * a) + 0.1 * b).ToArray();
            logScales += Math.Log(Math.Sqrt(running.Average()));
        }
        var n = ProxyReference.Images;
        var perImage = features[0].Length / n;
        var change = Enumerable.Range(0, n)
            .Select(i => Enumerable.Range(i * perImage, perImage).Sum(j => Math.Abs(features[0][j] - features[1][j])))
            .Average();
        var reference = Math.Log(change) + logScales;
        ProxyReference.AssertRelative(reference, score, 1e-10, "zen");
    }

    /// <summary>σ² per channel over images and positions, unbiased (n − 1), as batch norm's running variance takes
    /// it.</summary>
    private static double[] ChannelVariances(Tensor input)
    {
        var values = ProxyReference.Values(input);
        var (n, c, area) = (input.shape[0], input.shape[1], input.shape[2] * input.shape[3]);
        var result = new double[c];
        for (var channel = 0L; channel < c; channel++)
        {
            var members = new List<double>();
            for (var image = 0L; image < n; image++)
                for (var p = 0L; p < area; p++) members.Add(values[(image * c + channel) * area + p]);
            var mean = members.Average();
            result[channel] = members.Sum(v => (v - mean) * (v - mean)) / (members.Count - 1);
        }
        return result;
    }

    /// <summary>Mean within 0.2 of 0 and variance within 0.2 of 1: over 700 or more draws both lie within 0.06
    /// of those values two times in three.</summary>
    private static void AssertStandardNormal(IReadOnlyCollection<double> values, string what)
    {
        var mean = values.Average();
        var variance = values.Average(v => (v - mean) * (v - mean));
        Assert.True(values.Count >= 700 && Math.Abs(mean) < 0.2 && Math.Abs(variance - 1) < 0.2,
            $"{what}: {values.Count} values, mean {mean:G3}, variance {variance:G3}");
    }
}
