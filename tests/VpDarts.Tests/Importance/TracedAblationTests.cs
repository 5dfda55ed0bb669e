using static TorchSharp.torch;
using static VpDarts.Tests.Importance.ImportanceFixture;

namespace VpDarts.Tests.Importance;

/// <summary>The batch-by-batch ablation (stem and first cell traced once per batch) gives the op-by-op results bit for
/// bit.</summary>
public sealed class TracedAblationTests
{
    [Theory]
    [InlineData(AblationMeasure.Accuracy, false)]
    [InlineData(AblationMeasure.Loss, false)]
    [InlineData(AblationMeasure.Accuracy, true)]
    [InlineData(AblationMeasure.Loss, true)]
    public void MeasuresEveryOpAsPassesOverItsOwnBatchesDo(AblationMeasure measure, bool someWeightsZero)
    {
        using var scope = NewDisposeScope();
        using var net = Net(seed: 3);
        var batches = Batches(net, count: 3, batchSize: 5, seed: 4);
        using var g = new Generator(6);
        var weights = rand([CellTopology.EdgeCount, Operations.Count], generator: g).add_(0.05);
        if (someWeightsZero)
        {
            weights[0, (int)Operation.Conv3x3] = 0f;
            weights[2, (int)Operation.SkipConnect] = 0f;
            weights[5, (int)Operation.AvgPool3x3] = 0f;
        }

        var traced = new AblationImportance(measure, new AblationOptions())
            .Evaluate(net, weights, All(), _ => batches);
        // ResamplePerOp with the same batches for every pass takes the op-by-op path over identical data.
        var opByOp = new AblationImportance(measure, new AblationOptions { ResamplePerOp = true })
            .Evaluate(net, weights, All(), _ => batches);

        Assert.Equal(Flat(opByOp.Measure), Flat(traced.Measure));
        Assert.Equal(Flat(opByOp.Score), Flat(traced.Score));
        Assert.Equal(opByOp.Measure[0, (int)Operation.None], traced.BaseMeasure);
    }

    [Fact]
    public void ReplayedPassesEqualFullPassesBitForBitOnEveryEdge()
    {
        using var scope = NewDisposeScope();
        using var net = Net(seed: 8);
        var images = Batches(net, count: 1, batchSize: 6, seed: 9)[0].Images;
        using var g = new Generator(10);
        var weights = rand([CellTopology.EdgeCount, Operations.Count], generator: g);
        using var frozen = BatchNormStatistics.Freeze(net);
        using var noGrad = no_grad();
        using var trace = net.Trace(images, weights);
        Assert.True(net.Forward(images, weights, dropout: false).eq(net.ForwardFrom(trace, weights, null)).all().item<bool>());
        for (var e = 0; e < CellTopology.EdgeCount; e++)
        {
            var ablated = weights.clone();
            ablated[e, (int)Operation.Conv1x1] = 0f;
            ablated[e, (int)Operation.SkipConnect] = 0f;
            var full = net.Forward(images, ablated, dropout: false);
            var replayed = net.ForwardFrom(trace, ablated, e);
            Assert.True(full.eq(replayed).all().item<bool>(), $"edge {e}");
        }
    }

    [Fact]
    public void TracingRefusesPassesThatCouldChangeTheBatchNormStatisticsOrNeedGradients()
    {
        using var scope = NewDisposeScope();
        using var net = Net(seed: 8);
        var images = randn(2, 3, 8, 8);
        var weights = net.ArchWeights();
        using (no_grad()) Assert.Throws<InvalidOperationException>(() => net.Trace(images, weights));
        using var frozen = BatchNormStatistics.Freeze(net);
        Assert.Throws<InvalidOperationException>(() => net.Trace(images, weights));
    }

    [Fact]
    public void AReplayRefusesWeightsThatDifferFromTheTracedOnesOutsideTheChangedEdgeOrOtherThanByZeros()
    {
        using var scope = NewDisposeScope();
        using var net = Net(seed: 8);
        var images = randn(2, 3, 8, 8);
        var weights = full(CellTopology.EdgeCount, Operations.Count, 0.3f);
        using var frozen = BatchNormStatistics.Freeze(net);
        using var noGrad = no_grad();
        using var trace = net.Trace(images, weights);
        var elsewhere = weights.clone();
        elsewhere[1, 2] = 0f;
        Assert.Throws<InvalidOperationException>(() => net.ForwardFrom(trace, elsewhere, 4));
        Assert.Throws<InvalidOperationException>(() => net.ForwardFrom(trace, elsewhere, null));
        var scaled = weights.clone();
        scaled[4, 2] = 0.1f;
        Assert.Throws<InvalidOperationException>(() => net.ForwardFrom(trace, scaled, 4));
        net.ForwardFrom(trace, elsewhere, 1).Dispose();
    }

    private static float[] Flat(float[,] values) => values.Cast<float>().ToArray();
}
