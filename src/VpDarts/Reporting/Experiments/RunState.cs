namespace VpDarts.Reporting;

/// <summary>Where a search of an experiment stands.</summary>
public enum RunState
{
    /// <summary>No run folder, or nothing in it yet.</summary>
    NotStarted,
    /// <summary>Some epochs done (metrics written), no <c>result.json</c> yet.</summary>
    Unfinished,
    /// <summary><c>result.json</c> is there.</summary>
    Finished,
    /// <summary><c>result.json</c> is there but cannot be read.</summary>
    Unreadable,
    /// <summary>
    /// The last attempt failed (the experiment recorded a failure, <see cref="Experiments.ExperimentDirectory.FailurePath"/>)
    /// and no <c>result.json</c> was written since; running the experiment again retries it.
    /// </summary>
    Failed,
}
