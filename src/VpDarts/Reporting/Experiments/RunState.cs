namespace VpDarts.Reporting;

/// <summary>Where a search of an experiment stands.</summary>
public enum RunState
{
    /// <summary>No run folder, or nothing in it yet.</summary>
    NotStarted,
    /// <summary>Started (config.json or metrics written), no <c>result.json</c> yet; whether it still runs is not
    /// known.</summary>
    Unfinished,
    /// <summary><c>result.json</c> is there.</summary>
    Finished,
    /// <summary><c>result.json</c> is there but cannot be read.</summary>
    Unreadable,
    /// <summary>
    /// The last attempt failed (the experiment recorded a failure,
    /// <see cref="Experiments.ExperimentDirectory.FailurePath"/>) and no <c>result.json</c> was written since; running
    /// the experiment again retries it.
    /// </summary>
    Failed,
    /// <summary>A process holds the run folder's lock: the search is running now.</summary>
    Running,
    /// <summary>Started under the run folder's lock, which no process holds now: stopped or killed; running the task
    /// again resumes it.</summary>
    Interrupted,
}
