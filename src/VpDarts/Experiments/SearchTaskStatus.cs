using VpDarts.Runs;

namespace VpDarts.Experiments;

/// <summary>
/// What the run folder, the lock, the failure record and the log of one search of an experiment say about it, for a
/// search without <c>result.json</c>: the local runner and the cluster job files leave the same traces, so
/// <c>vpdarts experiment collect</c> reads a cluster task's state as it reads a local one.
/// </summary>
/// <param name="State">Where the search stands.</param>
/// <param name="Reason">Why it failed (the failure record's reason, else the last error line of its log), or for an
/// interrupted search the last line of its log.</param>
public sealed record SearchTaskStatus(SearchTaskState State, string? Reason = null)
{
    /// <summary>Words of the refusal a search gets when another process holds its run folder.</summary>
    public const string InUse = "in use by another vpdarts process";

    /// <summary>Reads the state of search <paramref name="spec"/> in <paramref name="dir"/>, which has no
    /// <c>result.json</c>.</summary>
    public static SearchTaskStatus Read(ExperimentDirectory dir, SearchSpec spec)
    {
        ArgumentNullException.ThrowIfNull(dir);
        ArgumentNullException.ThrowIfNull(spec);
        var root = dir.RunPath(spec);
        if (RunLock.HeldElsewhere(root, out _)) return new SearchTaskStatus(SearchTaskState.Running);
        var attempt = TaskLog.LastAttempt(dir.LogPath(spec));
        if (File.Exists(dir.FailurePath(spec)))
            return new SearchTaskStatus(SearchTaskState.Failed,
                FailureReason(dir.FailurePath(spec)) ?? (attempt is null ? null : TaskLog.LastError(attempt)));
        if (attempt is not null && TaskLog.EndedInError(attempt) && TaskLog.LastError(attempt) is { } error
            && !error.Contains(InUse, StringComparison.Ordinal))
            return new SearchTaskStatus(SearchTaskState.Failed, error);
        var started = File.Exists(new RunDirectory(root).ConfigPath);
        if (started && File.Exists(Path.Combine(root, RunLock.FileName)))
            return new SearchTaskStatus(SearchTaskState.Interrupted,
                attempt?.LastOrDefault() is { } last ? OneLine.Tidy(last.Trim()) : null);
        if (started) return new SearchTaskStatus(SearchTaskState.Unfinished);
        return attempt is null
            ? new SearchTaskStatus(SearchTaskState.NotStarted)
            : new SearchTaskStatus(SearchTaskState.Interrupted, attempt.LastOrDefault() is { } line
                ? OneLine.Tidy(line.Trim()) : "started, stopped before it wrote its run folder");
    }

    /// <summary>The reason in a failure record; null when the record cannot be read.</summary>
    private static string? FailureReason(string path)
    {
        try
        {
            return RunJson.TryParse<SearchFailureRecord>(File.ReadAllText(path), out var record) is null
                ? OneLine.Tidy(record!.Reason.Split('\n')[0].Trim()) : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
