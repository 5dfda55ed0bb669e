namespace VpDarts.Experiments;

/// <summary>
/// A search's log in an experiment (<see cref="ExperimentDirectory.LogPath"/>), appended to by every attempt: the
/// local runner and the cluster job files start each attempt with a line <c>$ COMMAND</c>.
/// </summary>
public static class TaskLog
{
    /// <summary>How much of the end of a log is read: the last attempt's error line is near the end.</summary>
    public const int TailBytes = 64 * 1024;

    /// <summary>The lines of the last attempt in the log at <paramref name="path"/>, after its <c>$ </c> line; null
    /// when there is no log or no attempt.</summary>
    public static IReadOnlyList<string>? LastAttempt(string path)
    {
        string text;
        try
        {
            using var stream =
                new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            var start = Math.Max(0, stream.Length - TailBytes);
            stream.Seek(start, SeekOrigin.Begin);
            using var reader = new StreamReader(stream);
            text = reader.ReadToEnd();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var header = Array.FindLastIndex(lines, l => l.StartsWith("$ ", StringComparison.Ordinal));
        return header < 0 ? null : lines[(header + 1)..].Where(l => l.Trim().Length > 0).ToList();
    }

    /// <summary>The attempt's last <c>error:</c> line, else its last line; null for an attempt that printed
    /// nothing.</summary>
    public static string? LastError(IReadOnlyList<string> attempt)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        var line = attempt.LastOrDefault(l => l.StartsWith("error: ", StringComparison.Ordinal))
            ?? attempt.LastOrDefault();
        return line is null ? null : OneLine.Tidy(line.Trim());
    }

    /// <summary>Whether the attempt ended in an error line (vpdarts's <c>error: …</c>, or the shell's
    /// <c>… not found</c>).</summary>
    public static bool EndedInError(IReadOnlyList<string> attempt)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        return attempt.Count > 0 && (attempt[^1].StartsWith("error: ", StringComparison.Ordinal)
            || attempt[^1].EndsWith("not found", StringComparison.Ordinal));
    }
}
