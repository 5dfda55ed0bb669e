namespace VpDarts.Importance;

/// <summary>Settings of <see cref="ScreeningImportance"/>.</summary>
public sealed record ScreeningOptions
{
    /// <summary>Candidates per edge (highest estimated loss increase first) verified by an exact ablation,
    /// 1–5.</summary>
    public int Keep { get; init; } = 2;

    /// <summary>
    /// Called after every pass over the subset. The search hands back the allocator's free pages here
    /// (<c>MallocTuning.ReleaseFreeMemory</c>), which keeps an ablation's peak memory near one pass's.
    /// </summary>
    public Action AfterPass { get; init; } = () => { };
}
