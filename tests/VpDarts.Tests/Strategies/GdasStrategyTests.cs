using TorchSharp;
using static TorchSharp.torch;
using Xunit.Abstractions;

namespace VpDarts.Tests.Strategies;

/// <summary>
/// GDAS's sampling and its straight-through gradient, checked against references computed here independently: α's
/// gradient against the chain rule through the Gumbel-softmax applied to edge-weight derivatives taken by central
/// finite differences, the computed ops against the weights they depend on, the noise against the Gumbel distribution
/// and the temperature against NB201's linear schedule.
/// </summary>
public sealed class GdasStrategyTests(ITestOutputHelper output)
{
    private const int Edges = CellTopology.EdgeCount;
    private const int Ops = Operations.Count;

    /// <summary>A one-cell-per-stage supernet of 4 channels for 3-channel 8×8 images and 4 classes, in float64.</summary>
    private static Supernet TinyNet(int seed)
    {
        manual_seed(seed);
        var net = new Supernet(new NetworkShape(4, 1, 3, 4), ArchWeighting.Softmax);
        net.to(ScalarType.Float64);
        net.train();
        return net;
    }

    private static double[,] Matrix(Func<int, int, double> value)
    {
        var m = new double[Edges, Ops];
        for (var e = 0; e < Edges; e++)
            for (var o = 0; o < Ops; o++)
                m[e, o] = value(e, o);
        return m;
    }

    private static double[,] Host(Tensor t)
    {
        var flat = t.detach().cpu().to(ScalarType.Float64).contiguous().data<double>().ToArray();
        return Matrix((e, o) => flat[e * Ops + o]);
    }

    /// <summary>Cross-entropy of the supernet with the edge weights <paramref name="h"/> given as plain numbers.</summary>
    private static double LossAt(Supernet net, Tensor x, Tensor y, double[,] h, bool[,] computed)
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var weights = tensor(h, ScalarType.Float64);
        return nn.functional.cross_entropy(net.Forward(x, weights, dropout: false, computed: computed), y).item<double>();
    }

    [Fact]
    public void AlphaGradientIsTheStraightThroughChainRuleOfEveryOpsEdgeWeightDerivative()
    {
        const double tau = 2.0;
        const double step = 1e-5;
        using var scope = NewDisposeScope();
        using var net = TinyNet(3);
        var random = new Random(17);
        var alpha = Matrix((_, _) => 2 * random.NextDouble() - 1);
        var gumbel = Matrix((_, _) => -Math.Log(-Math.Log(random.NextDouble())));
        using (no_grad()) net.Alpha.copy_(tensor(alpha, ScalarType.Float64));
        var x = randn(4, 3, 8, 8, ScalarType.Float64);
        var y = tensor(new long[] { 0, 1, 2, 3 });

        // The strategy's path: the sample with the injected noise, the forward pass it drives, backward to α.
        var (weights, computed) = GdasStrategy.Sample(net.Alpha, tau, tensor(gumbel, ScalarType.Float64));
        weights.retain_grad();
        var loss = nn.functional.cross_entropy(net.Forward(x, weights, dropout: false, computed: computed), y);
        loss.backward();
        var alphaGrad = Host(net.Alpha.grad!);
        var weightGrad = Host(weights.grad!);

        // The reference sample, in doubles: probs = softmax((log_softmax(α) + g)/τ), the largest chosen per edge.
        var p = new double[Edges, Ops];
        var s = new double[Edges, Ops];
        var chosen = new int[Edges];
        for (var e = 0; e < Edges; e++)
        {
            var logSum = Math.Log(Enumerable.Range(0, Ops).Sum(o => Math.Exp(alpha[e, o])));
            var z = Enumerable.Range(0, Ops).Select(o => (alpha[e, o] - logSum + gumbel[e, o]) / tau).ToArray();
            var zSum = z.Sum(v => Math.Exp(v - z.Max()));
            for (var o = 0; o < Ops; o++)
            {
                p[e, o] = Math.Exp(z[o] - z.Max()) / zSum;
                s[e, o] = Math.Exp(alpha[e, o] - logSum);
            }
            chosen[e] = Enumerable.Range(0, Ops).MaxBy(o => p[e, o]);
            for (var o = 0; o < Ops; o++) Assert.Equal(o == chosen[e], computed[e, o]);
        }
        var sampled = Host(weights);  // one_hot − probs + probs: the one-hot up to rounding
        Assert.All(Enumerable.Range(0, Edges * Ops), i => Assert.Equal(i % Ops == chosen[i / Ops] ? 1.0 : 0.0, sampled[i / Ops, i % Ops], 14));
        Assert.True(chosen.Distinct().Count() >= 3, $"the noise should pick several kinds of op: {string.Join(",", chosen)}");

        // c[e, j] = ∂L/∂h[e, j] at the one-hot h, by central differences through the GDAS forward rule.
        var c = Matrix((e, j) =>
        {
            var plus = Matrix((f, o) => (o == chosen[f] ? 1 : 0) + (f == e && o == j ? step : 0));
            var minus = Matrix((f, o) => (o == chosen[f] ? 1 : 0) - (f == e && o == j ? step : 0));
            return (LossAt(net, x, y, plus, computed) - LossAt(net, x, y, minus, computed)) / (2 * step);
        });

        // ∂L/∂α = Jᵀc per edge, J = ∂probs/∂α = (1/τ)(diag(p) − ppᵀ)(I − 1·softmax(α)ᵀ); and the variant that keeps only c[index].
        double[,] ChainRule(double[,] upstream) => Matrix((e, i) =>
        {
            var sum = 0.0;
            for (var j = 0; j < Ops; j++)
            {
                var jji = 0.0;  // J[j, i] = Σ_k (1/τ)(p_j δ_jk − p_j p_k)(δ_ki − s_i)
                for (var k = 0; k < Ops; k++)
                    jji += ((j == k ? p[e, j] : 0) - p[e, j] * p[e, k]) * ((k == i ? 1 : 0) - s[e, i]) / tau;
                sum += jji * upstream[e, j];
            }
            return sum;
        });
        var expected = ChainRule(c);
        var dropped = ChainRule(Matrix((e, j) => j == chosen[e] ? c[e, j] : 0));

        var scale = expected.Cast<double>().Max(Math.Abs);
        var alphaError = MaxDifference(alphaGrad, expected);
        var weightError = MaxDifference(weightGrad, c);
        var droppedGap = MaxDifference(alphaGrad, dropped);
        output.WriteLine($"max |∂L/∂α| {scale:E3}, max error {alphaError:E3}; max |c| {c.Cast<double>().Max(Math.Abs):E3}, "
                         + $"max error of ∂L/∂h {weightError:E3}; distance to the variant without the unsampled ops {droppedGap:E3}");

        // In float64 a central difference with step 1e-5 errs by O(step²·L''') ≈ 1e-10 from truncation and by
        // O(1e-16·L/step) ≈ 1e-11 from rounding (measured: ~1e-10 on ∂L/∂h, ~1e-11 on ∂L/∂α, against gradients of
        // 0.4 and 0.05). 1e-6 of the gradient's scale leaves room for other BLAS kernels' rounding, while a wrong rule
        // (dropped or misweighted ops, a missing 1/τ) is off by tens of percent (the variant without the unsampled
        // ops, below, by about 20 %).
        Assert.True(scale > 1e-4, $"gradient too small to test: {scale}");
        Assert.True(alphaError <= 1e-6 * scale, $"α gradient off by {alphaError:E3} (scale {scale:E3})");
        Assert.True(weightError <= 1e-6 * c.Cast<double>().Max(Math.Abs), $"edge-weight gradient off by {weightError:E3}");

        // NB201's rule: every op of an edge gets the straight-through gradient, not only the sampled one.
        for (var e = 0; e < Edges; e++)
            for (var o = 0; o < Ops; o++)
                if (o != chosen[e]) Assert.True(Math.Abs(weightGrad[e, o]) > 1e-3 * scale, $"edge {e} op {o}: ∂L/∂h = {weightGrad[e, o]}");
        Assert.True(droppedGap > 1e-2 * scale, $"the unsampled ops changed α's gradient by only {droppedGap:E3}");
    }

    private static bool Same(Tensor a, Tensor b) => a.eq(b).all().item<bool>();

    private static double MaxDifference(double[,] a, double[,] b) =>
        Enumerable.Range(0, Edges).SelectMany(e => Enumerable.Range(0, Ops).Select(o => Math.Abs(a[e, o] - b[e, o]))).Max();

    [Fact]
    public void TrainingLogitsSampleWithTheGlobalGeneratorAtTheEpochsTemperature()
    {
        using var scope = NewDisposeScope();
        using var net = TinyNet(5);
        var strategy = new GdasStrategy(new SearchConfig { Epochs = 5 });
        ISearchStrategy search = strategy;
        search.BeginSteps(3);
        var x = randn(4, 3, 8, 8, ScalarType.Float64);

        manual_seed(21);
        var logits = search.TrainingLogits(net, x);
        logits.sum().backward();
        var grad = net.Alpha.grad!.clone();
        net.Alpha.grad!.zero_();

        manual_seed(21);
        var (weights, computed) = GdasStrategy.Sample(net.Alpha, strategy.Temperature, GdasStrategy.GumbelNoise(net.Alpha));
        var again = net.Forward(x, weights, computed: computed);
        again.sum().backward();
        Assert.True(Same(logits, again));
        Assert.True(Same(grad, net.Alpha.grad!));

        // Each pass draws fresh noise: over a few passes the sampled cells differ.
        var cells = new HashSet<string>();
        for (var i = 0; i < 5; i++)
        {
            var (_, mask) = GdasStrategy.Sample(net.Alpha, strategy.Temperature, GdasStrategy.GumbelNoise(net.Alpha));
            cells.Add(string.Join(",", Enumerable.Range(0, Edges).Select(e => Enumerable.Range(0, Ops).First(o => mask[e, o]))));
        }
        Assert.True(cells.Count > 1);
    }

    [Fact]
    public void NoiseIsGumbelAndTheSampledOpFollowsSoftmaxOfAlpha()
    {
        using var scope = NewDisposeScope();
        manual_seed(9);
        var noise = GdasStrategy.GumbelNoise(zeros(200_000, ScalarType.Float64));
        // Gumbel(0, 1): mean γ ≈ 0.5772, variance π²/6; the standard errors at this size are 0.003 and 0.008.
        Assert.InRange(noise.mean().item<double>(), 0.5772 - 0.02, 0.5772 + 0.02);
        Assert.InRange(noise.var().item<double>(), Math.PI * Math.PI / 6 - 0.06, Math.PI * Math.PI / 6 + 0.06);

        // The Gumbel-max trick: whatever τ, op o is sampled with probability softmax(α)[o].
        const int draws = 20_000;
        var row = new[] { 1.0, -0.5, 0.3, 0.0, 0.8 };
        var alpha = tensor(row, ScalarType.Float64).expand(draws, Ops).contiguous();
        var (_, computed) = GdasStrategy.Sample(alpha, 0.5, GdasStrategy.GumbelNoise(alpha));
        var norm = row.Sum(Math.Exp);
        for (var o = 0; o < Ops; o++)
        {
            var frequency = Enumerable.Range(0, draws).Count(d => computed[d, o]) / (double)draws;
            // Standard error at most 0.0036: 0.02 is over five of them.
            Assert.InRange(frequency, Math.Exp(row[o]) / norm - 0.02, Math.Exp(row[o]) / norm + 0.02);
        }
    }

    /// <summary>The supernet's output with every edge sampling <paramref name="op"/> (α favours it, no noise), float32.</summary>
    private static (Tensor Output, bool[,] Computed) AllOn(Supernet net, Tensor x, Operation op)
    {
        using var scope = NewDisposeScope();
        var alpha = Matrix((_, o) => o == (int)op ? 5.0 : 0.0);
        var (weights, computed) = GdasStrategy.Sample(tensor(alpha, ScalarType.Float32), 1.0, zeros(Edges, Ops));
        Assert.All(Enumerable.Range(0, Edges), e => Assert.True(computed[e, (int)op]));
        using var _ = no_grad();
        return (net.Forward(x, weights, dropout: false, computed: computed).MoveToOuterDisposeScope(), computed);
    }

    private static void Scramble(Supernet net, string opName)
    {
        using var _ = no_grad();
        foreach (var (name, parameter) in net.named_parameters())
            if (name.Contains(".edges.", StringComparison.Ordinal) && name.Contains(opName, StringComparison.Ordinal))
                parameter.copy_(randn_like(parameter));
    }

    [Fact]
    public void OnlyTheSampledOpOfEachEdgeIsComputed()
    {
        using var scope = NewDisposeScope();
        manual_seed(13);
        using var net = new Supernet(new NetworkShape(4, 1, 3, 4), ArchWeighting.Softmax);
        net.eval();
        var x = randn(4, 3, 8, 8);

        // none everywhere: the cells add zeros, so no cell convolution matters.
        var (none, _) = AllOn(net, x, Operation.None);
        Scramble(net, "nor_conv_1x1");
        Scramble(net, "nor_conv_3x3");
        Assert.True(Same(none, AllOn(net, x, Operation.None).Output));

        // conv3x3 everywhere: the 1×1 convolutions are never run, the 3×3 ones are.
        var (conv, _) = AllOn(net, x, Operation.Conv3x3);
        Scramble(net, "nor_conv_1x1");
        Assert.True(Same(conv, AllOn(net, x, Operation.Conv3x3).Output));
        Scramble(net, "nor_conv_3x3");
        Assert.False(Same(conv, AllOn(net, x, Operation.Conv3x3).Output));

        // In a training pass only the sampled ops' parameters get gradients.
        net.train();
        var (weights, computed) = GdasStrategy.Sample(tensor(Matrix((_, o) => o == (int)Operation.Conv1x1 ? 5.0 : 0.0), ScalarType.Float32), 1.0, zeros(Edges, Ops));
        net.Forward(x, weights, dropout: false, computed: computed).sum().backward();
        foreach (var (name, parameter) in net.named_parameters().Where(p => p.name.Contains(".edges.", StringComparison.Ordinal)))
            Assert.Equal(name.Contains("nor_conv_1x1", StringComparison.Ordinal), parameter.grad is not null && parameter.grad.abs().sum().item<float>() > 0);
    }

    [Fact]
    public void TemperatureFallsLinearlyFromTauMaxToTauMin()
    {
        const int epochs = 6;
        var strategy = new GdasStrategy(new SearchConfig { Method = SearchMethod.Get<GdasMethod>(), Epochs = epochs });
        Assert.Equal(10.0, strategy.Temperature);
        var seen = new List<double>();
        for (var epoch = 0; epoch < epochs; epoch++)
        {
            ((ISearchStrategy)strategy).BeginSteps(epoch);
            seen.Add(strategy.Temperature);
        }
        Assert.Equal(10.0, seen[0], 12);
        Assert.Equal(0.1, seen[^1], 12);
        for (var epoch = 1; epoch < epochs; epoch++) Assert.Equal(-9.9 / (epochs - 1), seen[epoch] - seen[epoch - 1], 12);

        var one = new GdasStrategy(new SearchConfig { Method = SearchMethod.Get<GdasMethod>(), Epochs = 1, TauMax = 4, TauMin = 1 });
        ((ISearchStrategy)one).BeginSteps(0);
        Assert.Equal(4.0, one.Temperature);
        Assert.Equal("gdas", SearchMethod.Get<GdasMethod>().Name);
        Assert.IsType<GdasStrategy>(MethodModule.StrategyFor(new SearchConfig { Method = SearchMethod.Get<GdasMethod>() }));
    }
}
