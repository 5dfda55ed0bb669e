using VpDarts.Data;

namespace VpDarts.Runs;

/// <summary>
/// The checks of the settings that <see cref="SearchConfig.Validate"/> and <see cref="TrainConfig.Validate"/> share
/// (<see cref="ICommonSettings"/>), each written once; each throws <see cref="UserInputException"/> naming the first
/// bad setting.
/// </summary>
public static class CommonSettingChecks
{
    /// <summary>
    /// The data and the network: dataset (unless <paramref name="checkDataset"/> is false), layers, channels, epochs,
    /// batch sizes, the cap on training images and the image size.
    /// </summary>
    public static void DataAndNetwork(ICommonSettings s, bool checkDataset)
    {
        ArgumentNullException.ThrowIfNull(s);
        Require(!checkDataset || DatasetCatalog.IsKnownSpec(s.Dataset),
            $"--dataset: unknown dataset {OneLine.Quote(s.Dataset)} " +
            $"(expected {string.Join(", ", DatasetCatalog.Specs)})");
        Require(s.Layers is > 0 and <= Limits.MaxLayers, $"--layers: must be 1 to {Limits.MaxLayers}, got {s.Layers}");
        Require(s.Channels is > 0 and <= Limits.MaxChannels,
            $"--channels: must be 1 to {Limits.MaxChannels}, got {s.Channels}");
        Require(s.Epochs is > 0 and <= Limits.MaxEpochs, $"--epochs: must be 1 to {Limits.MaxEpochs}, got {s.Epochs}");
        Require(s.BatchSize is > 0 and <= Limits.MaxBatchSize,
            $"--batch-size: must be 1 to {Limits.MaxBatchSize}, got {s.BatchSize}");
        Require(s.EvalBatchSize is > 0 and <= Limits.MaxBatchSize,
            $"--eval-batch-size: must be 1 to {Limits.MaxBatchSize}, got {s.EvalBatchSize}");
        Require(s.TrainLimit is null or > 0, $"--train-limit: must be positive, got {s.TrainLimit}");
        ImageTransform.Check(s.ImageSize, "--image-size");
    }

    /// <summary>The SGD momentum and weight decay, the threads and the device.</summary>
    public static void OptimizerAndDevice(ICommonSettings s)
    {
        ArgumentNullException.ThrowIfNull(s);
        Require(s.Momentum is >= 0 and < 1, $"--momentum: must be in [0, 1), got {s.Momentum}");
        Require(Limits.IsDecay(s.WeightDecay),
            $"--weight-decay: must be in [0, {Limits.MaxDecay}], got {s.WeightDecay}");
        Require(s.Threads is > 0 and <= Limits.MaxThreads,
            $"--threads: must be 1 to {Limits.MaxThreads}, got {s.Threads}");
        Require(s.Device is "cpu" or "cuda" || s.Device.StartsWith("cuda:", StringComparison.Ordinal),
            $"--device: expected cpu or cuda, got {OneLine.Quote(s.Device)}");
    }

    private static void Require(bool ok, string message)
    {
        if (!ok) throw new UserInputException(message);
    }
}
