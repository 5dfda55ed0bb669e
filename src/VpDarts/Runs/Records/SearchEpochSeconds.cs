namespace VpDarts.Runs;

/// <summary>Where an epoch of a search spent its time (<c>seconds</c> of a metrics line).</summary>
public sealed record SearchEpochSeconds
{
    /// <summary>The epoch-start ablation.</summary>
    public double? Ablation { get; init; }
    /// <summary>The training steps.</summary>
    public double? Train { get; init; }
    /// <summary>The whole epoch.</summary>
    public double? Total { get; init; }
}
