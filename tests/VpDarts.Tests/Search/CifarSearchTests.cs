using VpDarts.Tests.Data;

namespace VpDarts.Tests.Search;

/// <summary>The CIFAR-10-JPEG training split, decoded once for the class (cached across runs).</summary>
public sealed class CifarTrainFixture : IDisposable
{
    public CifarTrainFixture()
    {
        var cache = Path.Combine(Path.GetTempPath(), "vpdarts-test-data", "search-cache");
        Dataset = ImageFolderReader.Load(CifarJpeg.Root, "train", cache);
    }

    public ImageDataset Dataset { get; }

    public void Dispose() => Dataset.Dispose();
}

/// <summary>Real searches on a small slice of CIFAR-10-JPEG with every method.</summary>
public sealed class CifarSearchTests(CifarTrainFixture cifar) : TempFolderTests("vpdarts-cifar-search-"), IClassFixture<CifarTrainFixture>
{
    [Theory]
    [MemberData(nameof(TinySearch.EveryMethod), MemberType = typeof(TinySearch))]
    public void SearchesASliceWithEveryMethod(SearchMethod method, KMode k)
    {
        var config = new SearchConfig
        {
            Method = method, K = k, Dataset = "folder:cifar10-jpeg", Epochs = method == SearchMethod.Get<ProgressivePruneMethod>() ? 5 : 4, Warmup = 2,
            Layers = 1, Channels = 4, BatchSize = 32, EvalBatchSize = 100, TrainLimit = 200, ValidLimit = 200, Threads = 1, Seed = 3,
        };
        var data = new DatasetSearchData(Share(cifar.Dataset), config.Seed, config.TrainLimit, config.ValidLimit);
        Assert.Equal(200, data.TrainCount);
        Assert.Equal(200, data.ValidCount);
        Assert.Empty(data.TrainIndices.Intersect(data.ValidIndices));

        var result = new SearchRun(config, data, new RunDirectory(In(method.ToString())), new SilentProgress()).Execute();

        Assert.True(Genotype.TryParse(result.Arch.ToString(), out _, out _));
        var run = new RunDirectory(result.RunDirectory);
        var metrics = run.ReadSearchMetrics();
        Assert.Equal(config.Epochs, metrics.Count);
        Assert.All(metrics, m => Assert.InRange(m.TrainAcc!.Value, 0, 100));
        var checkpoints = Checkpoints.List(run.CheckpointsPath);
        Assert.NotEmpty(checkpoints);
        Assert.Null(Checkpoints.Verify(checkpoints[0], out var manifest));
        Assert.Equal(config.Epochs, manifest!.EpochsDone);

        // A finished run resumes to the same answer without training again.
        var again = new SearchRun(config, new DatasetSearchData(Share(cifar.Dataset), config.Seed, config.TrainLimit, config.ValidLimit),
            run, new SilentProgress()).Execute();
        Assert.Equal(result.Arch, again.Arch);
    }

    /// <summary>A view that the search may dispose without freeing the fixture's tensors.</summary>
    private static ImageDataset Share(ImageDataset d) =>
        new(d.Name, d.Images.alias(), d.Labels.alias(), d.ClassNames, d.Mean, d.Std);
}
