namespace VpDarts.Runs;

/// <summary>
/// Plain line output for logs and pipes (nothing is rewritten): a line when a phase begins and when it ends, an
/// epoch's summary, and in between a progress line at most every <see cref="StepEvery"/>, as tqdm does when its
/// output is not a terminal.
/// </summary>
public sealed class LineProgress(TextWriter writer) : IRunProgress
{
    private readonly TimeProvider _clock = TimeProvider.System;
    private long _lastLine;

    /// <summary>Output for <paramref name="writer"/> timed by <paramref name="clock"/>.</summary>
    public LineProgress(TextWriter writer, TimeProvider clock) : this(writer) => _clock = clock;

    /// <summary>Minimum time between progress lines inside a phase (its end always gets one).</summary>
    public TimeSpan StepEvery { get; init; } = TimeSpan.FromSeconds(10);

    /// <inheritdoc />
    public void Phase(string phase, int epoch, int epochs)
    {
        _lastLine = _clock.GetTimestamp();
        writer.WriteLine($"[epoch {epoch + 1}/{epochs}] {phase}");
    }

    /// <inheritdoc />
    public void Step(StepProgress s)
    {
        if (!Due(s.Step == s.Steps)) return;
        var (head, tail) = ProgressLine.Of(s);
        writer.WriteLine(ProgressLine.Fit(head, tail, int.MaxValue));
    }

    /// <inheritdoc />
    public void Work(PhaseProgress work)
    {
        if (Due(work.Done >= work.Total)) writer.WriteLine(ProgressLine.Of(work));
    }

    /// <inheritdoc />
    public void EpochDone(int epoch, string summary) => writer.WriteLine(summary);

    /// <inheritdoc />
    public void Note(string message) => writer.WriteLine(message);

    /// <summary>h:mm:ss or m:ss.</summary>
    public static string FormatEta(TimeSpan eta) =>
        eta.TotalHours >= 1
            ? $"{(int)eta.TotalHours}:{eta.Minutes:00}:{eta.Seconds:00}" : $"{eta.Minutes}:{eta.Seconds:00}";

    private bool Due(bool phaseEnd)
    {
        if (!phaseEnd && _clock.GetElapsedTime(_lastLine) < StepEvery) return false;
        _lastLine = _clock.GetTimestamp();
        return true;
    }
}
