namespace VpDarts.Runs;

/// <summary>
/// Bounds every run setting is checked against before anything is written. They are far beyond what NB201 uses
/// (N=5, C=16, batch 256, 200 epochs) and low enough that a typo cannot ask for terabytes or an
/// unbounded loop.
/// </summary>
public static class Limits
{
    /// <summary>Cells per stage.</summary>
    public const int MaxLayers = 64;
    /// <summary>Channels of the first stage (the last has four times as many).</summary>
    public const int MaxChannels = 1024;
    /// <summary>Epochs of one run.</summary>
    public const int MaxEpochs = 100_000;
    /// <summary>Images per batch.</summary>
    public const int MaxBatchSize = 65_536;
    /// <summary>Torch threads.</summary>
    public const int MaxThreads = 4096;
    /// <summary>A weight decay above this is a typo (the usual ones are 1e-5 to 1e-2).</summary>
    public const double MaxDecay = 1;

    /// <summary>A positive, finite learning rate (too large a one is caught as a diverging loss, not here).</summary>
    public static bool IsRate(double value) => value > 0 && double.IsFinite(value);

    /// <summary>A weight decay in [0, <see cref="MaxDecay"/>].</summary>
    public static bool IsDecay(double value) => value is >= 0 and <= MaxDecay;
}
