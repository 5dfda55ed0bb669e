using VpDarts.Runs;

namespace VpDarts.Cli.Commands;

/// <summary>
/// Progress for an interactive terminal: one status line rewritten in place (epoch, phase, count, bar, ETA, then
/// loss, accuracy and images/s), with epoch summaries and notes printed as lasting lines above it. A status line
/// wider than the terminal loses its tail, never the ETA (<see cref="ProgressLine.Fit"/>). Logs get
/// <see cref="LineProgress"/> instead, which never rewrites.
/// </summary>
internal sealed class TerminalProgress(IAnsiConsole console) : IRunProgress
{
    private const int BarWidth = 10;
    private readonly TextWriter _out = console.Profile.Out.Writer;
    private bool _statusShown;
    private DateTime _lastDraw = DateTime.MinValue;

    public void Phase(string phase, int epoch, int epochs) => Status($"ep {epoch + 1}/{epochs} {phase} …", "");

    public void Step(StepProgress s)
    {
        if (!Due(s.Step == s.Steps)) return;
        var (head, tail) = ProgressLine.Of(s, ProgressLine.Bar(s.Step, s.Steps, BarWidth));
        Status(head, tail);
    }

    public void Work(PhaseProgress work)
    {
        if (Due(work.Done >= work.Total))
            Status(ProgressLine.Of(work, ProgressLine.Bar(work.Done, work.Total, BarWidth)), "");
    }

    public void EpochDone(int epoch, string summary) => Line(summary);

    public void Note(string message) => Line(message);

    /// <summary>Clears the status line so what follows starts on a clean line.</summary>
    public void Finish()
    {
        if (!_statusShown) return;
        _out.Write("\r\u001b[K");
        _out.Flush();
        _statusShown = false;
    }

    private bool Due(bool phaseEnd)
    {
        var now = DateTime.UtcNow;
        if (now - _lastDraw < TimeSpan.FromMilliseconds(250) && !phaseEnd) return false;
        _lastDraw = now;
        return true;
    }

    private void Status(string head, string tail)
    {
        // One column short of the width, so the cursor never wraps onto a new line.
        _out.Write("\r" + ProgressLine.Fit(head, tail, Math.Max(20, console.Profile.Width - 1)) + "\u001b[K");
        _out.Flush();
        _statusShown = true;
    }

    private void Line(string text)
    {
        if (_statusShown) _out.Write("\r\u001b[K");
        _statusShown = false;
        _out.WriteLine(text);
        _out.Flush();
    }
}
