using VpDarts.Runs;

namespace VpDarts.Cli.Commands;

/// <summary>
/// Progress for an interactive terminal: one status line rewritten in place (phase, epoch, step, images/s, ETA,
/// loss, accuracy), with epoch summaries and notes printed as lasting lines above it. Logs get
/// <see cref="LineProgress"/> instead, which never rewrites.
/// </summary>
internal sealed class TerminalProgress(IAnsiConsole console) : IRunProgress
{
    private readonly TextWriter _out = console.Profile.Out.Writer;
    private bool _statusShown;
    private DateTime _lastDraw = DateTime.MinValue;

    public void Phase(string phase, int epoch, int epochs) => Status($"[epoch {epoch + 1}/{epochs}] {phase} …");

    public void Step(StepProgress s)
    {
        var now = DateTime.UtcNow;
        if (now - _lastDraw < TimeSpan.FromMilliseconds(250) && s.Step != s.Steps) return;
        _lastDraw = now;
        var bar = Bar(s.Step, s.Steps, 20);
        Status($"[epoch {s.Epoch + 1}/{s.Epochs}] {s.Phase} {bar} {s.Step}/{s.Steps}  {s.ImagesPerSecond:F0} img/s  " +
               $"loss {s.Loss:F3}  acc {s.Accuracy:F1}%  eta {LineProgress.FormatEta(s.Eta)}");
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

    private static string Bar(int done, int total, int width)
    {
        var filled = total == 0 ? width : (int)Math.Round(width * (double)done / total);
        return "[" + new string('#', filled) + new string('.', width - filled) + "]";
    }

    private void Status(string text)
    {
        var width = Math.Max(20, console.Profile.Width - 1);
        if (text.Length > width) text = text[..(width - 1)] + "…";
        _out.Write("\r" + text + "\u001b[K");
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
