namespace VpDarts.Runs;

/// <summary>A phase a run still has to do, as <see cref="RunEta"/> plans it.</summary>
/// <param name="Kind">The kind of phase (<c>warm-up</c>, <c>search</c>, <c>ablation</c>, …); phases of a kind share one
/// measured speed.</param>
/// <param name="Units">Its units of work (steps, ops, batches); a guess where the run learns the count only when the
/// phase begins.</param>
/// <param name="CostPerUnit">
/// The expected cost of one unit in forward-image equivalents (a training step of b images ≈ 3b: forward and
/// backward), used only until the kind's own speed has been measured.
/// </param>
public sealed record PlannedPhase(string Kind, int Units, double CostPerUnit);
