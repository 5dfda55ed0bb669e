namespace VpDarts.Data;

/// <summary>
/// Shows downloads as text: <c>downloading cifar-10-binary.tar.gz 170.5 MB</c> when one begins, then percentage,
/// bytes, speed and ETA, and a closing line with the size and time. On a terminal the progress line is rewritten in
/// place (at most every quarter second); in a log or pipe it is a line per 10 % of the file (every
/// <see cref="UnknownSizeEvery"/> when the server sends no size), as tqdm does when its output is not a terminal.
/// </summary>
/// <param name="writer">Where the text goes.</param>
/// <param name="interactive">Rewrite one line in place (a terminal) instead of writing lines.</param>
public sealed class DownloadLog(TextWriter writer, bool interactive) : IProgress<DownloadProgress>
{
    private static readonly TimeSpan RedrawEvery = TimeSpan.FromMilliseconds(250);
    private string? _file;
    private int _tenths;
    private TimeSpan _lastLine;

    /// <summary>Standard error, rewritten in place when it is a terminal: where downloads report unless told
    /// otherwise.</summary>
    public static DownloadLog StandardError => new(Console.Error, interactive: !Console.IsErrorRedirected);

    /// <summary>Time between lines for a download of unknown size in a log.</summary>
    public TimeSpan UnknownSizeEvery { get; init; } = TimeSpan.FromSeconds(10);

    /// <inheritdoc />
    public void Report(DownloadProgress value)
    {
        if (_file != value.FileName)
        {
            (_file, _tenths, _lastLine) = (value.FileName, 0, TimeSpan.Zero);
            writer.WriteLine(
                $"downloading {value.FileName} {(value.TotalBytes is { } size ? Size(size) : "(size unknown)")}");
        }
        if (value.Done)
        {
            if (interactive) writer.Write("\r\u001b[K");
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"downloaded {value.FileName} {Size(value.Bytes)} in {Time(value.Elapsed)} " +
                $"({Size((long)value.BytesPerSecond)}/s)"));
            writer.Flush();
            _file = null;
            return;
        }
        if (!Due(value)) return;
        var line = Line(value);
        if (interactive) writer.Write("\r" + line + "\u001b[K");
        else writer.WriteLine(line);
        writer.Flush();
    }

    /// <summary>A size in decimal units, as download pages state them: <c>170.5 MB</c>.</summary>
    public static string Size(long bytes)
    {
        string[] units = ["B", "kB", "MB", "GB", "TB"];
        double value = bytes;
        var unit = 0;
        while (value >= 1000 && unit < units.Length - 1) (value, unit) = (value / 1000, unit + 1);
        return unit == 0 ? $"{bytes} B" : string.Create(CultureInfo.InvariantCulture, $"{value:F1} {units[unit]}");
    }

    private static string Time(TimeSpan t) =>
        t.TotalHours >= 1 ? $"{(int)t.TotalHours}:{t.Minutes:00}:{t.Seconds:00}" : $"{t.Minutes}:{t.Seconds:00}";

    private bool Due(DownloadProgress p)
    {
        if (interactive)
        {
            if (p.Elapsed - _lastLine < RedrawEvery) return false;
            _lastLine = p.Elapsed;
            return true;
        }
        if (p.TotalBytes is { } total && total > 0)
        {
            var tenths = (int)Math.Min(10, 10 * p.Bytes / total);
            if (tenths <= _tenths) return false;
            _tenths = tenths;
            return true;
        }
        if (p.Elapsed - _lastLine < UnknownSizeEvery) return false;
        _lastLine = p.Elapsed;
        return true;
    }

    private static string Line(DownloadProgress p) => p.TotalBytes is { } total && total > 0
        ? string.Create(CultureInfo.InvariantCulture,
            $"  {100.0 * p.Bytes / total,3:F0}% {Size(p.Bytes)} of {Size(total)}, {Size((long)p.BytesPerSecond)}/s, " +
            $"eta {(p.Eta is { } eta ? Time(eta) : "?")}")
        : $"  {Size(p.Bytes)}, {Size((long)p.BytesPerSecond)}/s";
}
