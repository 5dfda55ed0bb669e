namespace VpDarts.Strategies;

/// <summary>
/// What a strategy does in one epoch, declared before it starts: whether α takes Adam steps (a search epoch) or
/// stays frozen (a warm-up epoch), and whether the epoch starts by measuring op importance (an ablation).
/// </summary>
/// <param name="TrainsArchitecture">α takes Adam steps this epoch.</param>
/// <param name="MeasuresImportance">The epoch starts with <see cref="ISearchStrategy.OnEpochStart"/> measuring
/// importance.</param>
public sealed record EpochPlan(bool TrainsArchitecture, bool MeasuresImportance)
{
    /// <summary>The epoch's phase as metrics.jsonl records it: <c>search</c> or <c>warm-up</c> (α frozen) unless the
    /// method names it (RSPS never trains α: <c>search</c>).</summary>
    public string Phase { get; init; } = TrainsArchitecture ? "search" : "warm-up";
}
