namespace VpDarts.Runs;

/// <summary>
/// What a strategy decided at the start of an epoch (ablation and pruning). Its fields open each metrics line, and
/// a checkpoint written inside the epoch keeps it whole, so a resumed epoch reports the same decision.
/// </summary>
public sealed record EpochDecisionRecord
{
    /// <summary>The importance criterion measured, or null when nothing was measured.</summary>
    public string? ImportanceCriterion { get; init; }
    /// <summary>The criterion's raw measure per (edge, op).</summary>
    public double?[][]? Importance { get; init; }
    /// <summary>A cheaper estimate computed on the way (screening), if any.</summary>
    public double?[][]? ImportanceEstimate { get; init; }
    /// <summary>The measure of the unablated supernet.</summary>
    public float? AblationBase { get; init; }
    /// <summary>Images evaluated by the measurement.</summary>
    public long AblationImages { get; init; }
    /// <summary>The op kept on each edge, as an arch string.</summary>
    public string? Kept { get; init; }
    /// <summary>The pruned ops; null when the epoch made no decision.</summary>
    public IReadOnlyList<EdgeOp>? Pruned { get; init; }
    /// <summary>The factor pruned α were multiplied by.</summary>
    public double? DecayFactor { get; init; }
    /// <summary>Seconds the decision took.</summary>
    public double Seconds { get; init; }
}
