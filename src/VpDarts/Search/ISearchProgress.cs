namespace VpDarts.Search;

/// <summary>One training step as reported to the progress display.</summary>
public sealed record StepProgress(
    string Phase, int Epoch, int Epochs, int Step, int Steps, double ImagesPerSecond, double Loss, double Accuracy, TimeSpan Eta);

/// <summary>Receives what a running search is doing (a terminal display, a log, a test).</summary>
public interface ISearchProgress
{
    /// <summary>A phase (warm-up, ablation, train, final) begins.</summary>
    void Phase(string phase, int epoch, int epochs);

    /// <summary>A training step finished.</summary>
    void Step(StepProgress step);

    /// <summary>An epoch finished; <paramref name="summary"/> is a short readable line.</summary>
    void EpochDone(int epoch, string summary);

    /// <summary>A free-form note.</summary>
    void Note(string message);
}

/// <summary>Plain line output: a line per phase and epoch, and a step line at most every <see cref="StepEvery"/>.</summary>
public sealed class LineProgress(TextWriter writer) : ISearchProgress
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

/// <summary>Discards everything.</summary>
public sealed class SilentProgress : ISearchProgress
{
    /// <inheritdoc />
    public void Phase(string phase, int epoch, int epochs) { }
    /// <inheritdoc />
    public void Step(StepProgress step) { }
    /// <inheritdoc />
    public void EpochDone(int epoch, string summary) { }
    /// <inheritdoc />
    public void Note(string message) { }
}
