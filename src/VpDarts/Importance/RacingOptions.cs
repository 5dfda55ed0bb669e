namespace VpDarts.Importance;

/// <summary>Settings of <see cref="RacingAblationImportance"/>.</summary>
public sealed record RacingOptions
{
    /// <summary>
    /// Probability (per edge) that the race never drops the op the full subset would keep, in (0, 1]. 1 never drops
    /// an op, so the race always uses every batch and gives the exact answer.
    /// </summary>
    public double Confidence { get; init; } = 0.95;

    /// <summary>Batches every racing op sees before the first test (at least 1).</summary>
    public int MinBatches { get; init; } = 2;

    /// <summary>
    /// Called after every pass over the subset. The search hands back the allocator's free pages here
    /// (<c>MallocTuning.ReleaseFreeMemory</c>), which keeps an ablation's peak memory near one pass's.
    /// </summary>
    public Action AfterPass { get; init; } = () => { };
}
