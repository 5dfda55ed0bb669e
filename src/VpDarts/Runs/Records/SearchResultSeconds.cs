namespace VpDarts.Runs;

/// <summary>Where a whole search spent its time (<c>seconds</c> of <c>result.json</c>).</summary>
public sealed record SearchResultSeconds
{
    /// <summary>All epoch-start ablations.</summary>
    public double? Ablation { get; init; }
    /// <summary>All training steps.</summary>
    public double? Train { get; init; }
    /// <summary>The final selection.</summary>
    public double? FinalSelection { get; init; }
}
