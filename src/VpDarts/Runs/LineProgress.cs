namespace VpDarts.Runs;

/// <summary>Plain line output: a line per phase and epoch, and a step line at most every <see cref="StepEvery"/>.</summary>
public sealed class LineProgress(TextWriter writer) : IRunProgress
{
    private DateTime _lastStep = DateTime.MinValue;

    /// <summary>Minimum time between step lines.</summary>
    public TimeSpan StepEvery { get; init; } = TimeSpan.FromSeconds(10);

    /// <inheritdoc />
    public void Phase(string phase, int epoch, int epochs) => writer.WriteLine($"[epoch {epoch + 1}/{epochs}] {phase}");

    /// <inheritdoc />
    public void Step(StepProgress s)
    {
        var now = DateTime.UtcNow;
        if (now - _lastStep < StepEvery && s.Step != s.Steps) return;
        _lastStep = now;
        writer.WriteLine(
            $"[epoch {s.Epoch + 1}/{s.Epochs}] {s.Phase} step {s.Step}/{s.Steps}  {s.ImagesPerSecond:F0} img/s  " +
            $"loss {s.Loss:F3}  acc {s.Accuracy:F1}%  eta {FormatEta(s.Eta)}");
    }

    /// <inheritdoc />
    public void EpochDone(int epoch, string summary) => writer.WriteLine(summary);

    /// <inheritdoc />
    public void Note(string message) => writer.WriteLine(message);

    /// <summary>h:mm:ss or m:ss.</summary>
    public static string FormatEta(TimeSpan eta) =>
        eta.TotalHours >= 1 ? $"{(int)eta.TotalHours}:{eta.Minutes:00}:{eta.Seconds:00}" : $"{eta.Minutes}:{eta.Seconds:00}";
}
