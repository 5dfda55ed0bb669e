namespace VpDarts.Runs;

/// <summary>
/// Named starting points for training a cell. <c>paper</c> is NB201's protocol (CIFAR-10, N=5, C=16, 200 epochs,
/// batch 256; hours on a GPU); <c>cpu</c> trains a C=16, N=2 network on 10,000 CIFAR-10 images for 10 epochs, about
/// ten minutes on two otherwise idle cores; <c>demo</c> takes a minute on the embedded Fashion-MNIST sample.
/// </summary>
public static class TrainPresets
{
    /// <summary>Preset names.</summary>
    public static readonly IReadOnlyList<string> Names = ["paper", "cpu", "demo"];

    /// <summary>The settings of preset <paramref name="name"/> (the arch is left to the caller).</summary>
    public static TrainConfig Get(string name) => name.ToLowerInvariant() switch
    {
        "paper" => new TrainConfig(),
        "cpu" => new TrainConfig
        {
            Dataset = "cifar10", Layers = 2, Channels = 16, Epochs = 10, BatchSize = 128, Lr = 0.05, TrainLimit = 10_000, Threads = 2,
        },
        "demo" => new TrainConfig
        {
            Dataset = "demo", Layers = 1, Channels = 8, Epochs = 4, BatchSize = 64, Lr = 0.05, Threads = 2,
        },
        _ => throw new UserInputException($"--preset: unknown preset '{name}' (expected {string.Join(", ", Names)})"),
    };
}
