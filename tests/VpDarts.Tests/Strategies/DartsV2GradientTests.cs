using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using BatchNorm = VpDarts.Models.BatchNorm;

namespace VpDarts.Tests.Strategies;

/// <summary>
/// DARTS-V2's α gradient, on a float64 one-cell supernet whose SGD has taken one step (non-zero momentum buffers).
/// The reference is built here from scratch: F(α) = L_val(w'(α), α) with the unrolled weights
/// w'(α) = w − lr·(momentum·buffer + ∂L_train(w, α)/∂w + wd·w), the buffers derived by this test, not read from the
/// optimiser. With a fine finite-difference step the strategy must give dF/dα; with NB201's step (R = 0.01/‖v‖) it
/// must give exactly NB201's central difference, which on this small network is far from dF/dα (it averages over
/// ReLU kinks), so that case is checked against the formula rather than the derivative.
/// </summary>
public sealed class DartsV2GradientTests
{
    private const double Lr = 0.1;
    private const double Momentum = 0.9;
    private const double WeightDecay = 5e-3;

    [Fact]
    public void UnrolledGradientMatchesTheFiniteDifferenceOfTheUnrolledValidLoss()
    {
        using var scope = NewDisposeScope();
        using var net = Net(31);
        var s = Prepare(net);
        using var optimizer = s.Optimizer;

        // A Hessian step of 1e-5/‖v‖ is far below the distance to the nearest ReLU kink along v here, so the strategy's
        // difference is the derivative up to float64 rounding (about 1e-16·|∂L/∂α|/R ≈ 1e-12).
        var gradient = CallStrategy(net, s, new DartsV2Strategy(finiteDifferenceScale: 1e-5)).Gradient;

        // Central differences of F over each α entry; in float64 a step of 1e-6 keeps truncation and rounding error
        // near 1e-10, and F is smooth between kinks.
        const double h = 1e-6;
        var alpha = net.Alpha.detach().clone();
        var reference = new double[alpha.NumberOfElements];
        for (var e = 0; e < CellTopology.EdgeCount; e++)
            for (var o = 0; o < Operations.Count; o++)
            {
                double At(double shift)
                {
                    using var inner = NewDisposeScope();
                    using (no_grad())
                    {
                        net.Alpha.copy_(alpha);
                        net.Alpha[e, o] = alpha[e, o].add(shift);
                    }
                    return ValidLoss(net, s, Unrolled(net, s));
                }
                reference[e * Operations.Count + o] = (At(h) - At(-h)) / (2 * h);
            }
        using (no_grad()) net.Alpha.copy_(alpha);

        // ∂L_val(w', α)/∂α at fixed w': the gradient without the Hessian term.
        var unrolled = Unrolled(net, s);
        Assign(s.Weights, unrolled);
        double[] firstOrder;
        using (BatchNormStatistics.Freeze(net))
            firstOrder = Host(autograd.grad([nn.functional.cross_entropy(net.Forward(s.Valid.Images), s.Valid.Labels)], [net.Alpha])[0]);
        Assign(s.Weights, s.Start);

        var actual = Host(gradient);
        var size = reference.Max(Math.Abs);
        var error = MaxDifference(reference, actual);
        // Both sides are finite differences in float64, the reference's error near 1e-10 (measured: max error 2.5e-10
        // with max |dF/dα| 5.0e-2); 1e-7 of the gradient's size (5e-9) leaves a margin of 20 and is still millions of
        // times smaller than the Hessian term (measured: 4.5e-2).
        Assert.True(error < 1e-7 * size, $"max error {error:E3} against max |dF/dα| {size:E3}");
        var hessianTerm = MaxDifference(reference, firstOrder);
        Assert.True(hessianTerm > 0.1 * size, $"the Hessian term changes the gradient by only {hessianTerm:E3} (max |dF/dα| {size:E3})");
    }

    [Fact]
    public void DefaultStepIsNb201sCentralDifferenceAndRestoresTheNetwork()
    {
        using var scope = NewDisposeScope();
        using var net = Net(33);
        var s = Prepare(net);
        using var optimizer = s.Optimizer;
        var alphaBefore = net.Alpha.detach().clone();
        var counted = BatchesCounted(net);
        var (gradient, loss) = CallStrategy(net, s, new DartsV2Strategy());

        for (var i = 0; i < s.Weights.Count; i++) Assert.True(Identical(s.Start[i], s.Weights[i]), $"weight {i} was not restored exactly");
        Assert.True(Identical(alphaBefore, net.Alpha));
        // NB201's BN statistics see the search-train passes at w and w ± R·v, not the search-valid one (run on a copy there).
        Assert.Equal(counted.Select(c => c + 3), BatchesCounted(net));

        // NB201's formula, step by step: dα and v at w', R = 0.01/‖v‖, then ∂L_train/∂α at w ± R·v.
        var unrolled = Unrolled(net, s);
        Assert.Equal(ValidLoss(net, s, unrolled), loss, 12);
        Assign(s.Weights, unrolled);
        foreach (var p in s.Weights) p.requires_grad = true;
        IList<Tensor> atUnrolled;
        using (BatchNormStatistics.Freeze(net))
            atUnrolled = autograd.grad([nn.functional.cross_entropy(net.Forward(s.Valid.Images), s.Valid.Labels)], [net.Alpha, .. s.Weights]);
        foreach (var p in s.Weights) p.requires_grad = false;
        var v = atUnrolled.Skip(1).ToList();
        var r = 0.01 / Math.Sqrt(v.Sum(t => t.pow(2).sum().item<double>()));
        Tensor TrainGradientAt(double shift)
        {
            Assign(s.Weights, s.Start.Select((w, i) => w + shift * v[i]).ToList());
            using var frozen = BatchNormStatistics.Freeze(net);
            var g = autograd.grad([nn.functional.cross_entropy(net.Forward(s.Train.Images), s.Train.Labels)], [net.Alpha])[0];
            Assign(s.Weights, s.Start);
            return g;
        }
        var expected = Host(atUnrolled[0] - Lr * (TrainGradientAt(r) - TrainGradientAt(-r)) / (2 * r));

        var actual = Host(gradient);
        var size = expected.Max(Math.Abs);
        var error = MaxDifference(expected, actual);
        // The same operations up to summation order (‖v‖ is summed differently), amplified by 1/2R ≈ 100: 1e-9 of the
        // gradient's size is far above that rounding (measured: 4e-16) and far below any change of formula.
        Assert.True(error < 1e-9 * size, $"max error {error:E3} against max |gradient| {size:E3}");
    }

    [Fact]
    public void GradientIsTheSameWhetherAlphaHadOneOrNot()
    {
        using var scope = NewDisposeScope();
        manual_seed(32);
        using var net = new Supernet(new NetworkShape(Channels: 2, CellsPerStage: 1, InputChannels: 3, Classes: 3), ArchWeighting.Softmax);
        net.train();
        var weights = net.WeightParameters().ToList();
        using var optimizer = new SgdOptimizer(weights, Lr, Momentum, WeightDecay, nesterov: true);
        var (train, valid) = (RandomBatch(8, ScalarType.Float32), RandomBatch(8, ScalarType.Float32));
        var strategy = (ISearchStrategy)new DartsV2Strategy();
        foreach (var w in weights) w.requires_grad = false;

        Assert.Null(net.Alpha.grad);
        strategy.ArchitectureBackward(new ArchStep(net, valid, train, optimizer, weights));
        var fromNone = net.Alpha.grad!.clone();
        net.Alpha.grad!.zero_();
        strategy.ArchitectureBackward(new ArchStep(net, valid, train, optimizer, weights));
        Assert.True(Identical(fromNone, net.Alpha.grad!));
        Assert.True(fromNone.abs().max().item<float>() > 0);
        foreach (var w in weights) w.requires_grad = true;
    }

    /// <summary>What a gradient check works with: batches, the weights at the start and the momentum buffers this test derived.</summary>
    private sealed record Setup(Batch Train, Batch Valid, List<Parameter> Weights, List<Tensor> Start, List<Tensor> Buffers, SgdOptimizer Optimizer);

    /// <summary>A float64 one-cell supernet in training mode with a spread-out α.</summary>
    private static Supernet Net(int seed)
    {
        set_num_threads(1);
        manual_seed(seed);
        var net = new Supernet(new NetworkShape(Channels: 2, CellsPerStage: 1, InputChannels: 3, Classes: 3), ArchWeighting.Softmax);
        net.to(ScalarType.Float64);
        net.train();
        Assert.Equal(ScalarType.Float64, net.Alpha.dtype);
        using (no_grad()) net.Alpha.copy_(randn(CellTopology.EdgeCount, Operations.Count, dtype: ScalarType.Float64).mul(0.5));
        return net;
    }

    /// <summary>
    /// Batches, and one real SGD step so the momentum buffers are non-zero; for a fresh SGD each buffer is the first
    /// step's g0 + wd·w0, derived here and checked against the optimiser's.
    /// </summary>
    private static Setup Prepare(Supernet net)
    {
        var weights = net.WeightParameters().ToList();
        var optimizer = new SgdOptimizer(weights, Lr, Momentum, WeightDecay, nesterov: true);
        var first = RandomBatch(10);
        var firstGrads = Gradients(net, weights, first);
        var buffers = weights.Select((w, i) => firstGrads[i].add(w.detach(), WeightDecay)).ToList();
        optimizer.zero_grad();
        nn.functional.cross_entropy(net.Forward(first.Images), first.Labels).backward();
        optimizer.step();
        optimizer.zero_grad();
        for (var i = 0; i < weights.Count; i++) Assert.True(buffers[i].allclose(optimizer.MomentumBuffer(weights[i])!, 1e-12, 1e-14));
        foreach (var w in weights) w.requires_grad = false;  // as the search loop leaves them for an architecture step
        return new Setup(RandomBatch(10), RandomBatch(10), weights, weights.Select(w => w.detach().clone()).ToList(), buffers, optimizer);
    }

    /// <summary>The strategy's α gradient and loss, called as the search loop calls it (weights frozen, α's gradient zero).</summary>
    private static (Tensor Gradient, double Loss) CallStrategy(Supernet net, Setup s, DartsV2Strategy strategy)
    {
        net.Alpha.grad?.zero_();
        var outcome = ((ISearchStrategy)strategy).ArchitectureBackward(new ArchStep(net, s.Valid, s.Train, s.Optimizer, s.Weights));
        Assert.All(s.Weights, w => Assert.False(w.requires_grad));
        return (net.Alpha.grad!.clone(), outcome.Loss.item<double>());
    }

    private static Batch RandomBatch(int size, ScalarType type = ScalarType.Float64) =>
        new(randn(size, 3, 8, 8, dtype: type), randint(0, 3, [size]));

    private static IList<Tensor> Gradients(Supernet net, List<Parameter> weights, Batch batch)
    {
        using var frozen = BatchNormStatistics.Freeze(net);
        return autograd.grad([nn.functional.cross_entropy(net.Forward(batch.Images), batch.Labels)], [.. weights]);
    }

    /// <summary>w − lr·(momentum·buffer + ∂L_train(w, α)/∂w + wd·w) at the current α; the weights stay at the start.</summary>
    private static List<Tensor> Unrolled(Supernet net, Setup s)
    {
        Assign(s.Weights, s.Start);
        foreach (var p in s.Weights) p.requires_grad = true;
        var g = Gradients(net, s.Weights, s.Train);
        foreach (var p in s.Weights) p.requires_grad = false;
        using var _ = no_grad();
        return s.Start.Select((w, i) => w - Lr * (Momentum * s.Buffers[i] + g[i] + WeightDecay * w)).ToList();
    }

    /// <summary>L_val with the weights at <paramref name="unrolled"/>, then back at the start.</summary>
    private static double ValidLoss(Supernet net, Setup s, List<Tensor> unrolled)
    {
        Assign(s.Weights, unrolled);
        using var frozen = BatchNormStatistics.Freeze(net);
        using var noGrad = no_grad();
        var loss = nn.functional.cross_entropy(net.Forward(s.Valid.Images), s.Valid.Labels).item<double>();
        Assign(s.Weights, s.Start);
        return loss;
    }

    private static void Assign(List<Parameter> weights, List<Tensor> values)
    {
        using var _ = no_grad();
        for (var i = 0; i < weights.Count; i++) weights[i].copy_(values[i]);
    }

    /// <summary>Each cell BN's count of batches folded into its running statistics.</summary>
    private static long[] BatchesCounted(Supernet net) =>
        net.modules().OfType<BatchNorm>().Select(n => n.num_batches_tracked.item<long>()).ToArray();

    private static double MaxDifference(double[] a, double[] b) => a.Zip(b, (x, y) => Math.Abs(x - y)).Max();

    private static bool Identical(Tensor a, Tensor b) => a.shape.SequenceEqual(b.shape) && a.eq(b).all().item<bool>();

    private static double[] Host(Tensor t) => t.detach().cpu().to(ScalarType.Float64).contiguous().data<double>().ToArray();
}
