using VpDarts.Importance;

namespace VpDarts.Experiments;

/// <summary>Settings of <see cref="ImportanceComparison"/>.</summary>
public sealed record ComparisonOptions
{
    /// <summary>Validation subsets per checkpoint: draws 0 … Draws − 1 of the epoch after the checkpoint.</summary>
    public int Draws { get; init; } = 3;

    /// <summary>Ablation batch size; null = the run's.</summary>
    public int? EvalBatchSize { get; init; }

    /// <summary>Settings of the racing estimator.</summary>
    public RacingOptions Racing { get; init; } = new();

    /// <summary>Settings of the screening estimator.</summary>
    public ScreeningOptions Screening { get; init; } = new();

    /// <summary>
    /// Also run the exact ablation on only the first ⌈share · batches⌉ batches of each subset (a plain cheaper
    /// baseline for the estimators); null = do not.
    /// </summary>
    public double? TruncatedShare { get; init; } = 0.25;
}
