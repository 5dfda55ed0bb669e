using static TorchSharp.torch;
using static VpDarts.Tests.Importance.ImportanceFixture;

namespace VpDarts.Tests.Importance;

/// <summary>The measurement harness: comparison on given batches and on a search run's checkpoint.</summary>
public sealed class ImportanceComparisonTests() : TempFolderTests("vpdarts-importance-")
{
    [Fact]
    public void ExactSettingsAgreeEverywhereAndImagesAreEachEstimatorsOwn()
    {
        using var scope = NewDisposeScope();
        var net = Net(31);
        var weights = net.Alpha.detach().clone().add_(rand(CellTopology.EdgeCount, Operations.Count).mul_(0.3));
        var batches = Batches(net, 4, 16, 13);
        IReadOnlyList<IImportanceCriterion> estimators =
        [
            new AblationImportance(AblationMeasure.Accuracy, new AblationOptions()),
            new RacingAblationImportance(new RacingOptions { Confidence = 1 }),
            new ScreeningImportance(new ScreeningOptions { Keep = 5 }),
            new TruncatedAblationImportance(0.25),
        ];
        var outcomes = ImportanceComparison.Compare(net, weights, All(), batches, estimators, net.AlphaValues());
        Assert.Equal(["valid-accuracy", "valid-accuracy-racing", "valid-accuracy-screening", "valid-accuracy-first-25%"], outcomes.Select(o => o.Estimator));
        Assert.All(outcomes.Take(3), o => Assert.Equal(6, o.EdgesAgreeing));
        Assert.Equal(64L * 25, outcomes[0].Images);  // 6 edges × 4 ablated ops + the shared un-ablated pass
        Assert.Equal(outcomes[0].Images, outcomes[1].Images);
        Assert.Equal(64 + outcomes[0].Images, outcomes[2].Images);
        Assert.Equal(16L * 25, outcomes[3].Images);
        Assert.Equal(Enumerable.Repeat(4, 6), outcomes[1].RaceBatches!);
        Assert.Null(outcomes[0].RaceBatches);
    }

    [Fact]
    public void ComparesOnASearchRunsCheckpoint()
    {
        var config = new SearchConfig
        {
            Method = SearchMethod.Get<VpDartsMethod>(), Epochs = 2, Warmup = 1, Layers = 1, Channels = 4, BatchSize = 16, EvalBatchSize = 8,
            Threads = 1, Seed = 3, Dataset = "random",
        };
        var data = new RandomSearchData();
        var run = new RunDirectory(In("run"));
        new SearchRun(config, data, run, new SilentProgress()).Execute();
        var checkpoint = Checkpoints.List(run.CheckpointsPath)[0];
        var seen = new List<ComparisonDraw>();
        var draws = ImportanceComparison.FromCheckpoint(config, data, checkpoint, new ComparisonOptions { Draws = 2 }, seen.Add);
        Assert.Equal(draws, seen);
        Assert.Equal([0, 1], draws.Select(d => d.Draw));
        Assert.All(draws, d =>
        {
            Assert.Equal(Path.GetFileName(checkpoint), d.Checkpoint);
            Assert.Equal(16, d.SubsetImages);  // half of the 32 search-valid images
            Assert.Equal(2, d.Batches);
            Assert.Equal(4, d.Estimators.Count);
            Assert.Equal(6, d.Estimators[0].EdgesAgreeing);
        });
        var summary = ImportanceComparison.Summarise(draws);
        Assert.Equal(1.0, summary[0].ImageShare);
        Assert.Equal(12, summary[0].Edges);
        var (agreeing, edges) = ImportanceComparison.ExactAcrossDraws(draws);
        Assert.Equal(6, edges);
        Assert.InRange(agreeing, 0, 6);
    }
}
