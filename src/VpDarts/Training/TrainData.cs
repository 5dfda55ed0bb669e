using VpDarts.Data;
using VpDarts.Runs;

namespace VpDarts.Training;

/// <summary>
/// The two splits a training run uses: the training split (optionally cut to a class-balanced subset of
/// <see cref="TrainConfig.TrainLimit"/> images) and the official test split for the final evaluation.
/// Owns both datasets.
/// </summary>
public sealed class TrainData : IDisposable
{
    /// <summary>Wraps two splits of one dataset (which this object then owns) and picks the training rows.</summary>
    /// <exception cref="UserInputException">The splits disagree on classes, channels or image size.</exception>
    public TrainData(ImageDataset train, ImageDataset test, int seed, int? trainLimit)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(test);
        if (!train.ClassNames.SequenceEqual(test.ClassNames))
            throw new UserInputException(
                $"dataset '{train.Name}': the test split has other classes than the training split");
        if (train.Channels != test.Channels || train.Size != test.Size)
            throw new UserInputException(
                $"dataset '{train.Name}': test images are {test.Channels}x{test.Size}x{test.Size}, training images " +
                $"{train.Channels}x{train.Size}x{train.Size}");
        Train = train;
        Test = test;
        TrainRows = SearchSplit.BalancedSubset(train.LabelArray, train.ClassCount, seed, trainLimit);
        if (TrainRows.Length == 0) throw new UserInputException($"dataset '{train.Name}': the training split is empty");
        if (test.Count == 0) throw new UserInputException($"dataset '{train.Name}': the test split is empty");
    }

    /// <summary>Loads the training and test splits of the config's dataset.</summary>
    public static TrainData Load(TrainConfig config)
    {
        var options = DataOptions.ForDataDir(config.DataDir, config.ImageSize);
        var train = DatasetCatalog.Load(config.Dataset, "train", options);
        ImageDataset? test = null;
        try
        {
            test = DatasetCatalog.Load(config.Dataset, "test", options);
            return new TrainData(train, test, config.Seed, config.TrainLimit);
        }
        catch
        {
            train.Dispose();
            test?.Dispose();
            throw;
        }
    }

    /// <summary>The training split.</summary>
    public ImageDataset Train { get; }

    /// <summary>The test split.</summary>
    public ImageDataset Test { get; }

    /// <summary>Rows of <see cref="Train"/> trained on (sorted).</summary>
    public long[] TrainRows { get; }

    /// <summary>What identifies the data, recorded when a run starts and compared when it resumes.</summary>
    public DataFingerprint Fingerprint => _fingerprint ??= DataFingerprint.Of(Train.Name,
        new Dictionary<string, long> { ["train"] = TrainRows.Length, ["test"] = Test.Count }, Train, Test);

    private DataFingerprint? _fingerprint;

    /// <summary>Frees both splits.</summary>
    public void Dispose()
    {
        Train.Dispose();
        Test.Dispose();
    }
}
