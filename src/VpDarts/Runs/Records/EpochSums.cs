namespace VpDarts.Runs;

/// <summary>The running sums of an epoch's steps so far, as a checkpoint inside the epoch keeps them.</summary>
public sealed record EpochSums
{
    /// <summary>Σ loss × images over weight steps.</summary>
    public required double TrainLoss { get; init; }
    /// <summary>Correct predictions in weight steps.</summary>
    public required long TrainCorrect { get; init; }
    /// <summary>Images in weight steps.</summary>
    public required long TrainSeen { get; init; }
    /// <summary>Σ loss × images over architecture steps.</summary>
    public required double ValidLoss { get; init; }
    /// <summary>Correct predictions in architecture steps.</summary>
    public required long ValidCorrect { get; init; }
    /// <summary>Images in architecture steps.</summary>
    public required long ValidSeen { get; init; }
    /// <summary>Training seconds of the epoch so far.</summary>
    public required double Seconds { get; init; }
}
