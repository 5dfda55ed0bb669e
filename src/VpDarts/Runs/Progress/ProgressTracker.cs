namespace VpDarts.Runs;

/// <summary>
/// Passes a run's progress to an <see cref="IRunProgress"/> with one ETA for the whole run (<see cref="RunEta"/>).
/// The run announces each phase with <see cref="Begin"/>; the work inside it (training steps, or the units an
/// importance estimator or an evaluation counts through <see cref="IWorkProgress"/>) then reports against that phase.
/// </summary>
/// <param name="progress">Where the progress goes.</param>
/// <param name="eta">The run's estimate, planned with every phase the run still has.</param>
/// <param name="epochs">The run's epochs.</param>
public sealed class ProgressTracker(IRunProgress progress, RunEta eta, int epochs) : IWorkProgress
{
    private string _phase = "";
    private int _epoch;

    /// <summary>The run's estimate.</summary>
    public RunEta Eta => eta;

    /// <summary>
    /// Phase <paramref name="phase"/> of <paramref name="epoch"/> begins with <paramref name="units"/> units (null:
    /// as many as planned, until its work reports the count), of which <paramref name="done"/> are done already (a
    /// resumed epoch). Its speed is measured as that of the planned phases of the same name.
    /// </summary>
    public void Begin(string phase, int epoch, int? units = null, int done = 0)
    {
        (_phase, _epoch) = (phase, epoch);
        eta.Begin(phase, units, done);
        progress.Phase(phase, epoch, epochs);
    }

    /// <summary>A training step of the running phase finished; <paramref name="step"/>'s own ETA is replaced by the
    /// run's.</summary>
    public void Step(StepProgress step)
    {
        eta.Advance(step.Step, step.Steps);
        progress.Step(step with { Eta = eta.Remaining });
    }

    /// <inheritdoc />
    public void Advance(int done, int total, string unit)
    {
        eta.Advance(done, total);
        progress.Work(new PhaseProgress(_phase, _epoch, epochs, done, total, unit, eta.Remaining));
    }
}
