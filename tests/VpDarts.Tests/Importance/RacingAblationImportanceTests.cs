using static TorchSharp.torch;
using static VpDarts.Tests.Importance.ImportanceFixture;

namespace VpDarts.Tests.Importance;

/// <summary>The racing ablation on a small supernet, against the exact ablation.</summary>
public sealed class RacingAblationImportanceTests
{
    private static readonly AblationImportance Exact = new(AblationMeasure.Accuracy, new AblationOptions());

    /// <summary>Raw weights with exact zeros on a few ops (they race together with none).</summary>
    private static Tensor WeightsWithZeros(Supernet net)
    {
        var w = net.Alpha.detach().clone().add_(rand(CellTopology.EdgeCount, Operations.Count).mul_(0.3));
        w[1, 3] = 0f;
        w[4, 2] = 0f;
        w[4, 4] = 0f;
        return w;
    }

    private static void AssertSameAsExact(ImportanceResult exact, ImportanceResult raced, bool[,] candidates)
    {
        for (var e = 0; e < CellTopology.EdgeCount; e++)
            for (var o = 0; o < Operations.Count; o++)
            {
                Assert.Equal(exact.Measure[e, o], raced.Measure[e, o]);
                Assert.Equal(exact.Score[e, o], raced.Score[e, o]);
                Assert.Equal(candidates[e, o], !float.IsNegativeInfinity(raced.Score[e, o]));
            }
        Assert.Equal(exact.ImagesEvaluated, raced.ImagesEvaluated);
        Assert.Equal(exact.BaseMeasure, raced.BaseMeasure);
    }

    [Fact]
    public void ConfidenceOneEqualsTheExactAblation()
    {
        using var scope = NewDisposeScope();
        var net = Net(11);
        var weights = WeightsWithZeros(net);
        var batches = Batches(net, 4, 16, 5);
        var exact = Exact.Evaluate(net, weights, All(), _ => batches);
        var racing = new RacingAblationImportance(new RacingOptions { Confidence = 1, MinBatches = 1 });
        var raced = racing.Evaluate(net, weights, All(), _ => batches);
        AssertSameAsExact(exact, raced, All());
        Assert.Equal(exact.BestArch(net.AlphaValues()), raced.BestArch(net.AlphaValues()));
        Assert.All(raced.Race, r => Assert.Empty(r.Eliminated));
        Assert.Equal(CellTopology.EdgeCount * 4, raced.Race.Count);
    }

    [Fact]
    public void TooFewBatchesForATestEqualsTheExactAblation()
    {
        using var scope = NewDisposeScope();
        var net = Net(12);
        var weights = WeightsWithZeros(net);
        var batches = Batches(net, 3, 16, 6);
        var candidates = All();
        candidates[0, 2] = candidates[3, 0] = candidates[5, 1] = false;  // a progressive-pruning mask
        var exact = Exact.Evaluate(net, weights, candidates, _ => batches);
        var racing = new RacingAblationImportance(new RacingOptions { Confidence = 0.5, MinBatches = 4 });
        var raced = racing.Evaluate(net, weights, candidates, _ => batches);
        AssertSameAsExact(exact, raced, candidates);
        Assert.All(raced.Race, r => Assert.Empty(r.PValues));
    }

    [Fact]
    public void ClearWinnersStopEarlyWithFewerImagesAndTheSameChoice()
    {
        using var scope = NewDisposeScope();
        var net = Net(13);
        // One dominant op per edge; labels are the net's own predictions, so removing the dominant op costs
        // accuracy and removing a small one costs (almost) none.
        var weights = full(CellTopology.EdgeCount, Operations.Count, 0.02f);
        int[] dominant = [3, 2, 3, 4, 2, 3];
        for (var e = 0; e < CellTopology.EdgeCount; e++) weights[e, dominant[e]] = 1f;
        const int batchSize = 32, count = 8;
        var batches = Batches(net, count, batchSize, 7, teacher: weights);
        var exact = Exact.Evaluate(net, weights, All(), _ => batches);
        var racing = new RacingAblationImportance(new RacingOptions { Confidence = 0.95, MinBatches = 2 });
        var raced = racing.Evaluate(net, weights, All(), _ => batches);

        Assert.Equal(exact.BestArch(), raced.BestArch());
        Assert.True(raced.ImagesEvaluated < exact.ImagesEvaluated / 2, $"{raced.ImagesEvaluated} of {exact.ImagesEvaluated} images");
        var stops = raced.Race.Where(r => r.Stopped).ToList();
        Assert.Equal(CellTopology.EdgeCount, stops.Count);
        Assert.Contains(stops, s => s.Batches == 2);

        // Accounting: every ablation pass is one batch; the un-ablated pass (for none) is shared by all edges.
        long ablationPasses = raced.Race.Sum(r => r.Racing.Count(o => o != (int)Operation.None));
        var baselinePasses = raced.Race.Where(r => r.Racing.Contains((int)Operation.None)).Max(r => r.Batches);
        Assert.Equal(batchSize * (ablationPasses + baselinePasses), raced.ImagesEvaluated);
        for (var e = 0; e < CellTopology.EdgeCount; e++)
        {
            var last = raced.Race.Last(r => r.Edge == e);
            Assert.Equal((int)raced.BestArch()[e], last.Leader);
            Assert.Equal(last.Batches * batchSize, last.ImagesPerOp);
        }
    }

    [Fact]
    public void ModelStateIsUntouched()
    {
        using var scope = NewDisposeScope();
        var net = Net(14);
        var weights = WeightsWithZeros(net);
        var batches = Batches(net, 3, 16, 8);
        net.eval();
        var before = Snapshot(net);
        new RacingAblationImportance(new RacingOptions { MinBatches = 1 }).Evaluate(net, weights, All(), _ => batches);
        AssertUnchanged(net, before, training: false);
        net.train();
        new RacingAblationImportance(new RacingOptions { Confidence = 1 }).Evaluate(net, weights, All(), _ => batches);
        AssertUnchanged(net, before, training: true);
    }
}
