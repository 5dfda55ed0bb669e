namespace VpDarts.Tests.Support;

/// <summary>
/// A run's progress for tests: keeps the notes and the phases begun, and can cancel <see cref="Token"/> at one point of
/// the run: when a phase of an epoch begins, after a step of an epoch, or once a number of epochs have finished.
/// </summary>
public sealed class TestProgress : IRunProgress
{
    private readonly CancellationTokenSource _source = new();
    private (string Phase, int Epoch)? _atPhase;
    private (int Epoch, int Step)? _afterStep;
    private int? _afterEpochs;

    /// <summary>Cancels when <paramref name="phase"/> of <paramref name="epoch"/> begins.</summary>
    public static TestProgress CancelAtPhase(string phase, int epoch) => new() { _atPhase = (phase, epoch) };

    /// <summary>Cancels after step <paramref name="step"/> of <paramref name="epoch"/> (both as the run counts them).</summary>
    public static TestProgress CancelAfterStep(int epoch, int step) => new() { _afterStep = (epoch, step) };

    /// <summary>Cancels once <paramref name="epochs"/> epochs have finished.</summary>
    public static TestProgress CancelAfterEpochs(int epochs) => new() { _afterEpochs = epochs };

    /// <summary>Cancelled at the chosen point; the run's Execute takes it.</summary>
    public CancellationToken Token => _source.Token;

    /// <summary>Every note, in order.</summary>
    public List<string> Notes { get; } = [];

    /// <summary>Every report of a phase that is not training steps, in order.</summary>
    public List<PhaseProgress> WorkReports { get; } = [];

    /// <summary>Every training step reported, in order.</summary>
    public List<StepProgress> Steps { get; } = [];

    /// <summary>Every phase begun, as "phase epoch".</summary>
    public List<string> Phases { get; } = [];

    public void Phase(string phase, int epoch, int epochs)
    {
        Phases.Add($"{phase} {epoch}");
        if (_atPhase == (phase, epoch)) _source.Cancel();
    }

    public void Step(StepProgress step)
    {
        Steps.Add(step);
        if (_afterStep == (step.Epoch, step.Step)) _source.Cancel();
    }

    public void Work(PhaseProgress work) => WorkReports.Add(work);

    public void EpochDone(int epoch, string summary)
    {
        if (epoch + 1 == _afterEpochs) _source.Cancel();
    }

    public void Note(string message) => Notes.Add(message);
}
