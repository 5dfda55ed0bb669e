using VpDarts.Proxies;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace VpDarts.Tests.Proxies;

/// <summary>
/// What the proxies' reference tests share: a tiny NB201 network (C = 1, one cell per stage, 3 classes) in float64,
/// a float64 batch of four 3×8×8 images, and central finite differences. The references compute each proxy's
/// formula from these without the proxies' code, so a proxy and its reference agree to float64 rounding plus the
/// differences' error (about 1e-10 of a gradient with a step of 1e-6). The finite differences run thousands of
/// passes of a network this small, which on one thread take half a millisecond each and on two busy cores up to a
/// hundred times longer, so the tests run on one thread.
/// </summary>
internal static class ProxyReference
{
    public const int Images = 4;
    public const int Classes = 3;
    public const int Size = 8;

    /// <summary>Edges 1←0 conv3x3; 2←0 skip, 2←1 conv1x1; 3←0 none, 3←1 avg pool, 3←2 conv3x3.</summary>
    public static readonly Genotype Cell =
        Genotype.Parse("|nor_conv_3x3~0|+|skip_connect~0|nor_conv_1x1~1|+|none~0|avg_pool_3x3~1|nor_conv_3x3~2|");

    public static readonly NetworkShape Shape = new(1, 1, 3, Classes);

    /// <summary>The seeds of the network and the batch most tests use.</summary>
    public const long NetworkSeed = 5, BatchSeed = 11;

    private static readonly Lazy<double[][]> LossGradientsOnce = new(() =>
    {
        using var thread = OneThread();
        using var scope = NewDisposeScope();
        using var network = Float64(NetworkSeed)();
        var batch = Batch(BatchSeed);
        return CentralDifferences(Weights(network.Module), () => Loss(network, batch.Images, batch.Labels), 1e-6);
    });

    /// <summary>∂L/∂W of the mean cross-entropy for every conv and linear weight of the network of
    /// <see cref="NetworkSeed"/> on the batch of <see cref="BatchSeed"/>, by central differences (step 1e-6).</summary>
    public static double[][] LossGradients => LossGradientsOnce.Value;

    /// <summary>A factory of the tiny network in float64 (the weights of <see cref="ProxyNetwork.Discrete"/>'s
    /// float32 network of the same seed, converted), in training mode.</summary>
    public static Func<ProxyNetwork> Float64(long seed) => () =>
    {
        manual_seed(seed);
        var network = new DiscreteNetwork(Cell, Shape);
        network.to(ScalarType.Float64);
        return new ProxyNetwork(network, network.forward);
    };

    /// <summary>Four Gaussian float64 images and labels in 0..2, from their own generator.</summary>
    public static ProxyBatch Batch(long seed)
    {
        using var generator = new Generator((ulong)seed);
        var images = randn([Images, 3, Size, Size], ScalarType.Float64, generator: generator);
        var labels = randint(0, Classes, [Images], generator: generator);
        return new ProxyBatch(images, labels);
    }

    /// <summary>The conv and linear weights of <paramref name="module"/>, in module order.</summary>
    public static List<Parameter> Weights(nn.Module module) =>
        module.modules().Select(m => m switch
        {
            Conv2d conv => conv.weight,
            Linear linear => linear.weight,
            _ => null,
        }).OfType<Parameter>().ToList();

    /// <summary>Mean cross-entropy of the network's logits for <paramref name="images"/>, computed here from the
    /// log-softmax.</summary>
    public static double Loss(ProxyNetwork network, Tensor images, Tensor labels)
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var logits = network.Forward(images);
        var logProbabilities = logits.log_softmax(1);
        var picked = logProbabilities.gather(1, labels.unsqueeze(1));
        return -picked.mean().item<double>();
    }

    /// <summary>∂f/∂w for every element of every tensor in <paramref name="weights"/> by central differences with
    /// step <paramref name="h"/>, each element moved in place and put back.</summary>
    public static double[][] CentralDifferences(IEnumerable<Tensor> weights, Func<double> f, double h)
    {
        var result = new List<double[]>();
        foreach (var weight in weights)
        {
            Assert.True(weight.is_contiguous());
            using var flat = weight.view(-1);
            using var values = flat.data<double>();
            var derivative = new double[weight.numel()];
            for (var i = 0L; i < derivative.Length; i++)
            {
                var original = values[i];
                values[i] = original + h;
                var plus = f();
                values[i] = original - h;
                var minus = f();
                values[i] = original;
                derivative[i] = (plus - minus) / (2 * h);
            }
            result.Add(derivative);
        }
        return result.ToArray();
    }

    /// <summary>The elements of <paramref name="tensor"/> as doubles.</summary>
    public static double[] Values(Tensor tensor)
    {
        using var scope = NewDisposeScope();
        using var values = tensor.detach().to(ScalarType.Float64).contiguous().data<double>();
        return values.ToArray();
    }

    /// <summary>Runs torch on one thread until disposed, then on as many as before.</summary>
    public static IDisposable OneThread()
    {
        var before = get_num_threads();
        set_num_threads(1);
        return new Restore(() => set_num_threads(before));
    }

    private sealed class Restore(Action restore) : IDisposable
    {
        public void Dispose() => restore();
    }

    /// <summary>|actual − expected| ≤ bound · |expected|. The tests through finite differences use 1e-8, 17 to 5000
    /// times the agreement they reach (measured 2e-12 to 6e-10): the differences' error in float64, rounding of about
    /// 1e-16 · |f| / h with h = 1e-6 and truncation of about h² · |f‴|, summed over the score's terms.</summary>
    public static void AssertRelative(double expected, double actual, double bound, string what)
    {
        var error = Math.Abs(actual - expected) / Math.Abs(expected);
        Assert.True(error <= bound, $"{what}: proxy {actual:R}, reference {expected:R}, relative error {error:E2} > {bound:E0}");
    }
}
