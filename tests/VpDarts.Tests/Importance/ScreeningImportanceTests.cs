using TorchSharp;
using static TorchSharp.torch;
using static VpDarts.Tests.Importance.ImportanceFixture;

namespace VpDarts.Tests.Importance;

/// <summary>First-order screening: the estimator itself, and the screen-then-verify criterion against exact ablation.</summary>
public sealed class ScreeningImportanceTests
{
    private static readonly AblationImportance Exact = new(AblationMeasure.Accuracy, new AblationOptions());

    private static Tensor Weights(Supernet net, int seed)
    {
        using var g = new Generator((ulong)seed);
        return rand([CellTopology.EdgeCount, Operations.Count], generator: g).mul_(0.5).add_(0.05);
    }

    [Fact]
    public void EstimateIsTheExactLossChangeWhenTheLossIsLinearInTheWeights()
    {
        // L(w) = Σ_batches Σ c_b ⊙ w + const: zeroing w[e, o] changes L by exactly −w[e, o]·Σ_b c_b[e, o], which is
        // what the first-order term gives, so here the screen's estimate equals the exact ablation's loss change.
        using var scope = NewDisposeScope();
        manual_seed(21);
        var w = randn(CellTopology.EdgeCount, Operations.Count);
        var c = new[] { randn(CellTopology.EdgeCount, Operations.Count), randn(CellTopology.EdgeCount, Operations.Count) };
        Tensor Loss(Tensor x) => c.Select(ci => ci.mul(x).sum().add(3.0)).Aggregate((a, b) => a.add(b));
        var estimate = ScreeningImportance.FirstOrderLossIncrease(w, c.Select(ci => (Func<Tensor, Tensor>)(x => ci.mul(x).sum().add(3.0))));
        using var noGrad = no_grad();
        var baseLoss = Loss(w).item<float>();
        for (var e = 0; e < CellTopology.EdgeCount; e++)
            for (var o = 0; o < Operations.Count; o++)
            {
                var ablated = w.clone();
                ablated[e, o] = 0f;
                Assert.Equal(Loss(ablated).item<float>() - baseLoss, estimate[e, o], 1e-4f);
            }
    }

    [Fact]
    public void EstimateIsOnlyFirstOrderWhenTheLossIsNot()
    {
        // L(w) = Σ c ⊙ w²: the true change from zeroing w[e, o] is −c·w², the first-order term is −2·c·w².
        using var scope = NewDisposeScope();
        manual_seed(22);
        var w = randn(CellTopology.EdgeCount, Operations.Count);
        var c = randn(CellTopology.EdgeCount, Operations.Count);
        var estimate = ScreeningImportance.FirstOrderLossIncrease(w, [x => c.mul(x).mul(x).sum()]);
        var expected = Supernet.HostMatrix(c.mul(w).mul(w).mul(-2));
        for (var e = 0; e < CellTopology.EdgeCount; e++)
            for (var o = 0; o < Operations.Count; o++)
                Assert.Equal(expected[e, o], estimate[e, o], 1e-5f);
    }

    [Fact]
    public void SupernetEstimateIsTheDerivativeOfTheValidationLossAlongTheRemoval()
    {
        // In float64 a central difference of the mean cross-entropy along w[e, o] → (1 ∓ ε)·w[e, o] gives
        // −w·∂L/∂w to ~ε², so the screen differentiates the right loss (frozen BN statistics, no dropout even though
        // the net's skip dropout is 0.5).
        using var scope = NewDisposeScope();
        var net = Net(23, skipDropout: 0.5);
        net.to(ScalarType.Float64);
        var weights = Weights(net, 1).to(ScalarType.Float64);
        var batches = Batches(net, 2, 12, 9).Select(b => new Batch(b.Images.to(ScalarType.Float64), b.Labels)).ToList();
        var (estimate, images) = ScreeningImportance.LossIncreaseEstimate(net, weights, batches);
        Assert.Equal(24, images);

        double Loss(Tensor w)
        {
            using var frozen = BatchNormStatistics.Freeze(net);
            using var noGrad = no_grad();
            return batches.Sum(b => nn.functional.cross_entropy(net.Forward(b.Images, w, dropout: false), b.Labels,
                reduction: nn.Reduction.Sum).item<double>()) / 24;
        }

        const double eps = 1e-7;  // larger steps let some ReLU inputs cross 0, where L is not differentiable
        var host = Supernet.HostMatrix(weights);
        for (var e = 0; e < CellTopology.EdgeCount; e++)
            for (var o = 1; o < Operations.Count; o++)
            {
                var down = weights.clone();
                var up = weights.clone();
                down[e, o] = host[e, o] * (1 - eps);
                up[e, o] = host[e, o] * (1 + eps);
                var central = (Loss(down) - Loss(up)) / (2 * eps);
                Assert.True(Math.Abs(central - estimate[e, o]) < 1e-5 + 1e-4 * Math.Abs(central),
                    $"edge {e} op {o}: finite difference {central}, estimate {estimate[e, o]}");
            }
        for (var e = 0; e < CellTopology.EdgeCount; e++) Assert.Equal(0f, estimate[e, (int)Operation.None]);
    }

    [Fact]
    public void KeepingAllFiveVerifiesEveryOpAndEqualsTheExactAblation()
    {
        using var scope = NewDisposeScope();
        var net = Net(24);
        var weights = Weights(net, 2);
        weights[2, 3] = 0f;
        var batches = Batches(net, 3, 16, 10);
        var exact = Exact.Evaluate(net, weights, All(), _ => batches);
        var screened = new ScreeningImportance(new ScreeningOptions { Keep = 5 }).Evaluate(net, weights, All(), _ => batches);
        Assert.Equal(exact.BestArch(net.AlphaValues()), screened.BestArch(net.AlphaValues()));
        for (var e = 0; e < CellTopology.EdgeCount; e++)
            for (var o = 0; o < Operations.Count; o++)
            {
                Assert.Equal(exact.Measure[e, o], screened.Measure[e, o]);
                Assert.Equal(exact.Score[e, o], screened.Score[e, o]);
            }
        Assert.Equal(48 + exact.ImagesEvaluated, screened.ImagesEvaluated);
        Assert.NotNull(screened.Estimate);
    }

    [Fact]
    public void ScreenedOutOpsAreNeverKeptAndOnlyTheShortListIsAblated()
    {
        using var scope = NewDisposeScope();
        var net = Net(25);
        var weights = Weights(net, 3);
        var batches = Batches(net, 2, 16, 11);
        var candidates = All();
        candidates[1, 4] = false;
        var result = new ScreeningImportance(new ScreeningOptions { Keep = 2 }).Evaluate(net, weights, candidates, _ => batches);
        var estimate = result.Estimate!;
        var shortList = new bool[CellTopology.EdgeCount, Operations.Count];
        var ablations = 0;
        for (var e = 0; e < CellTopology.EdgeCount; e++)
        {
            var ranked = Enumerable.Range(0, Operations.Count).Where(o => candidates[e, o]).OrderByDescending(o => estimate[e, o]).ToList();
            foreach (var o in ranked.Take(2)) shortList[e, o] = true;
            ablations += ranked.Take(2).Count(o => o != (int)Operation.None);
            Assert.Contains((int)result.BestArch()[e], ranked.Take(2));
            foreach (var o in ranked.Skip(2))
            {
                Assert.True(float.IsNaN(result.Measure[e, o]));
                Assert.True(result.Score[e, o] < -100f);
            }
        }
        Assert.True(float.IsNaN(estimate[1, 4]) && float.IsNegativeInfinity(result.Score[1, 4]));
        var baseline = Enumerable.Range(0, CellTopology.EdgeCount).Any(e => shortList[e, (int)Operation.None]) ? 1 : 0;
        Assert.Equal(32L * (1 + ablations + baseline), result.ImagesEvaluated);
    }

    [Fact]
    public void ModelStateIsUntouched()
    {
        using var scope = NewDisposeScope();
        var net = Net(26);
        var batches = Batches(net, 2, 16, 12);
        nn.functional.cross_entropy(net.Forward(batches[0].Images), batches[0].Labels).backward();  // some stored gradients
        net.Alpha.requires_grad_(false);  // a frozen parameter stays frozen
        var before = Snapshot(net);
        new ScreeningImportance(new ScreeningOptions()).Evaluate(net, Weights(net, 4), All(), _ => batches);
        AssertUnchanged(net, before, training: true);
        net.eval();
        new ScreeningImportance(new ScreeningOptions { Keep = 1 }).Evaluate(net, Weights(net, 5), All(), _ => batches);
        AssertUnchanged(net, before, training: false);
    }
}
