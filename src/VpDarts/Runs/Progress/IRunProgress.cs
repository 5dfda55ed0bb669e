namespace VpDarts.Runs;

/// <summary>Receives what a running search or training is doing (a terminal display, a log, a test).</summary>
public interface IRunProgress
{
    /// <summary>A phase (warm-up, ablation, train, final) begins.</summary>
    void Phase(string phase, int epoch, int epochs);

    /// <summary>A training step finished.</summary>
    void Step(StepProgress step);

    /// <summary>A phase that is not training steps (an ablation, a final selection, an evaluation) got
    /// further.</summary>
    void Work(PhaseProgress work);

    /// <summary>An epoch finished; <paramref name="summary"/> is a short readable line.</summary>
    void EpochDone(int epoch, string summary);

    /// <summary>A free-form note.</summary>
    void Note(string message);
}
