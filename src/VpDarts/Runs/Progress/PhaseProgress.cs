namespace VpDarts.Runs;

/// <summary>How far a phase other than training steps has got (an ablation, a final selection, an
/// evaluation).</summary>
/// <param name="Phase">The phase, e.g. <c>ablation</c>.</param>
/// <param name="Epoch">The epoch it belongs to (0-based; the last epoch for the run's closing phases).</param>
/// <param name="Epochs">The run's epochs.</param>
/// <param name="Done">Units done.</param>
/// <param name="Total">Units the phase has.</param>
/// <param name="Unit">What a unit is, plural (<c>ops</c>, <c>edges</c>, <c>batches</c>).</param>
/// <param name="Eta">Time left for the whole run; null while it cannot be estimated yet.</param>
public sealed record PhaseProgress(string Phase, int Epoch, int Epochs, int Done, int Total,
    string Unit, TimeSpan? Eta);
