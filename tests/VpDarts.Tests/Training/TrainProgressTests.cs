using static TorchSharp.torch;

namespace VpDarts.Tests.Training;

/// <summary>The closing test pass of a training run counts its batches.</summary>
public sealed class TrainProgressTests
{
    [Fact]
    public void TheTestPassCountsItsBatches()
    {
        using var scope = NewDisposeScope();
        using var g = new Generator(3);
        var images = randint(0, 256, [10, 3, 8, 8], generator: g).to(ScalarType.Byte);
        var labels = randint(0, 2, [10], generator: g);
        using var split = new ImageDataset("tiny", images, labels, ["a", "b"], [0.5f, 0.5f, 0.5f], [0.25f, 0.25f, 0.25f]);
        using var net = new DiscreteNetwork(Genotype.Parse(TrainFixture.BestCell), new NetworkShape(4, 1, 3, 2));
        var work = new RecordedWork();

        TrainRun.Evaluate(net, split, CPU, batchSize: 4, work);

        work.AssertCountsUpToTheTotal();
        Assert.Equal([(1, 3, "batches"), (2, 3, "batches"), (3, 3, "batches")], work.Reports);
    }
}
