using VpDarts.Tests.Data;
using static TorchSharp.torch;

namespace VpDarts.Tests.Training;

/// <summary>
/// The CIFAR-10-JPEG splits (decoded once, cached under <see cref="DataDir"/> so the CLI tests load the same cache)
/// and one tiny network trained on a slice of them, shared by the training tests.
/// </summary>
public sealed class TrainFixture : IDisposable
{
    public const string BestCell = "|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|skip_connect~0|nor_conv_3x3~1|nor_conv_3x3~2|";

    /// <summary>What <c>--data-dir</c> must be for the CLI to find the decoded-image cache of these splits.</summary>
    public static string DataDir { get; } = Path.Combine(Path.GetTempPath(), "vpdarts-test-data", "train-data");

    private readonly Lazy<TrainResult> _tiny;

    public TrainFixture()
    {
        set_num_threads(1);
        var cache = Path.Combine(DataDir, "cache");
        Train = ImageFolderReader.Load(CifarJpeg.Root, "train", cache);
        Test = ImageFolderReader.Load(CifarJpeg.Root, "test", cache);
        TestRows = SearchSplit.BalancedSubset(Test.LabelArray, Test.ClassCount, 1, 200);
        using var rows = tensor(TestRows);
        TestSlice = new ImageDataset(Test.Name, Test.Images.index_select(0, rows), Test.Labels.index_select(0, rows), Test.ClassNames, Test.Mean, Test.Std);
        _tiny = new Lazy<TrainResult>(() => new TrainRun(Tiny, Data(Tiny), new RunDirectory(Path.Combine(Root, "tiny")), new SilentProgress()).Execute());
    }

    public string Dataset => "folder:" + CifarJpeg.Root;

    /// <summary>The whole training split.</summary>
    public ImageDataset Train { get; }

    /// <summary>The whole test split.</summary>
    public ImageDataset Test { get; }

    /// <summary>200 class-balanced rows of the test split, in order.</summary>
    public long[] TestRows { get; }

    /// <summary>Those rows as a dataset.</summary>
    public ImageDataset TestSlice { get; }

    public string Root { get; } = Directory.CreateTempSubdirectory("vpdarts-train-").FullName;

    /// <summary>C=4, N=1, 2 epochs on 300 training images, 1 thread.</summary>
    public TrainConfig Tiny => new()
    {
        Arch = BestCell, Dataset = Dataset, Layers = 1, Channels = 4, Epochs = 2, BatchSize = 50, EvalBatchSize = 100,
        TrainLimit = 300, Lr = 0.05, Threads = 1, Seed = 5,
    };

    /// <summary>The tiny run, trained on first use.</summary>
    public TrainResult TinyRun => _tiny.Value;

    /// <summary>Training data for <paramref name="config"/>: views of the shared splits that the run may dispose.</summary>
    public TrainData Data(TrainConfig config) => new(Share(Train), Share(TestSlice), config.Seed, config.TrainLimit);

    private static ImageDataset Share(ImageDataset d) => new(d.Name, d.Images.alias(), d.Labels.alias(), d.ClassNames, d.Mean, d.Std);

    public void Dispose()
    {
        Train.Dispose();
        Test.Dispose();
        TestSlice.Dispose();
        try { Directory.Delete(Root, true); } catch (IOException) { }
    }
}

/// <summary>The training tests share one fixture (and so decode CIFAR-10-JPEG and train the tiny network once).</summary>
[CollectionDefinition(Name)]
public sealed class TrainCollection : ICollectionFixture<TrainFixture>
{
    public const string Name = "training";
}
