namespace VpDarts.Runs;

/// <summary>
/// The text of a progress line: a head with the epoch, phase, count and ETA, then <c>|</c> and a tail with the
/// metrics, e.g. <c>ep 3/19 ablation 12/30 ops eta 4:12</c> or
/// <c>ep 3/19 search 45/98 eta 4:12 | loss 1.234 acc 45.6% 812 img/s</c>. A line too wide loses its tail first, so the
/// ETA stays readable in a narrow terminal.
/// </summary>
public static class ProgressLine
{
    /// <summary>The head and tail of a training step's line; <paramref name="bar"/> (may be empty) goes after the
    /// count.</summary>
    public static (string Head, string Tail) Of(StepProgress s, string bar = "") => (
        Head(s.Phase, s.Epoch, s.Epochs, $"{s.Step}/{s.Steps}", bar, s.Eta),
        string.Create(CultureInfo.InvariantCulture,
            $"loss {s.Loss:F3} acc {s.Accuracy:F1}% {s.ImagesPerSecond:F0} img/s"));

    /// <summary>The head of another phase's line (it has no tail); <paramref name="bar"/> (may be empty) goes after the
    /// count.</summary>
    public static string Of(PhaseProgress w, string bar = "")
        => Head(w.Phase, w.Epoch, w.Epochs, $"{w.Done}/{w.Total} {w.Unit}", bar, w.Eta);

    /// <summary>
    /// <paramref name="head"/> and, after <c> | </c>, as much of <paramref name="tail"/> as fits in
    /// <paramref name="width"/> columns (cut with <c>…</c>); a head wider than that is cut at its end.
    /// </summary>
    public static string Fit(string head, string tail, int width)
    {
        var line = tail.Length == 0 ? head : head + " | " + tail;
        return line.Length <= width ? line : line[..Math.Max(0, width - 1)] + "…";
    }

    /// <summary>h:mm:ss, or m:ss under an hour; <c>?</c> when there is no estimate yet.</summary>
    public static string FormatEta(TimeSpan? eta) => eta is { } t ? LineProgress.FormatEta(t) : "?";

    /// <summary>A bar of <paramref name="width"/> cells, <c>[####......]</c>.</summary>
    public static string Bar(int done, int total, int width)
    {
        var filled = total <= 0 ? width : Math.Clamp((int)Math.Round(width * (double)done / total), 0, width);
        return "[" + new string('#', filled) + new string('.', width - filled) + "]";
    }

    private static string Head(string phase, int epoch, int epochs, string count, string bar, TimeSpan? eta) =>
        $"ep {epoch + 1}/{epochs} {phase} {count}{(bar.Length == 0 ? "" : " " + bar)} eta {FormatEta(eta)}";
}
