namespace VpDarts.Runs;

/// <summary>
/// Named starting points for training a cell. <c>paper</c> is NB201's protocol (CIFAR-10, N=5, C=16, 200 epochs,
/// batch 256; hours on a GPU); <c>cpu</c> trains a C=16, N=2 network on 10,000 CIFAR-10 images for 10 epochs, about
/// ten minutes on two otherwise idle cores; <c>demo</c> takes a minute on the embedded Fashion-MNIST sample;
/// <c>tiny</c> (N=1, C=4, 100 embedded images, one epoch, one thread) finishes in seconds and exists for tests, not for
/// results.
/// </summary>
public static class TrainPresets
{
    /// <summary>Preset names.</summary>
    public static IReadOnlyList<string> Names => PresetNames.All;

    /// <summary>The settings of preset <paramref name="name"/> (the arch is left to the caller).</summary>
    public static TrainConfig Get(string name) => name.ToLowerInvariant() switch
    {
        PresetNames.Paper => new TrainConfig(),
        PresetNames.Cpu => new TrainConfig
        {
            Dataset = "cifar10", Layers = 2, Channels = 16, Epochs = 10, BatchSize = 128, Lr = 0.05,
            TrainLimit = 10_000, Threads = 2,
        },
        PresetNames.Demo => new TrainConfig
        {
            Dataset = "demo", Layers = 1, Channels = 8, Epochs = 4, BatchSize = 64, Lr = 0.05, Threads = 2,
        },
        PresetNames.Tiny => new TrainConfig
        {
            Dataset = "demo", Layers = 1, Channels = 4, Epochs = 1, BatchSize = 32, EvalBatchSize = 100, Lr = 0.05,
            TrainLimit = 100, Threads = 1,
        },
        _ => throw new UserInputException(PresetNames.Unknown("--preset", name)),
    };
}
