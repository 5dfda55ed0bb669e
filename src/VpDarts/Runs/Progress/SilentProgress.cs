namespace VpDarts.Runs;

/// <summary>Discards everything.</summary>
public sealed class SilentProgress : IRunProgress
{
    /// <inheritdoc />
    public void Phase(string phase, int epoch, int epochs) { }
    /// <inheritdoc />
    public void Step(StepProgress step) { }
    /// <inheritdoc />
    public void Work(PhaseProgress work) { }
    /// <inheritdoc />
    public void EpochDone(int epoch, string summary) { }
    /// <inheritdoc />
    public void Note(string message) { }
}
