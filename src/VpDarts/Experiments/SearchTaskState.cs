namespace VpDarts.Experiments;

/// <summary>Where a search of an experiment stands before it has a <c>result.json</c>, as
/// <see cref="SearchTaskStatus"/> reads it.</summary>
public enum SearchTaskState
{
    /// <summary>No run folder, no log of an attempt.</summary>
    NotStarted,
    /// <summary>A process holds the run folder's lock now.</summary>
    Running,
    /// <summary>The run folder was started under a lock that no process holds any more: the search was stopped or
    /// killed; it resumes.</summary>
    Interrupted,
    /// <summary>The run folder holds a started search (a version without the lock: running or interrupted, nobody can
    /// tell).</summary>
    Unfinished,
    /// <summary>The last attempt ended in an error: a failure record, or the last error line of the task's
    /// log.</summary>
    Failed,
}
