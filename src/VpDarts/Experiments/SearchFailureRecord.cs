namespace VpDarts.Experiments;

/// <summary>
/// <c>logs/&lt;run&gt;.failure.json</c>: why the last attempt at one search of an experiment failed. Written by
/// <see cref="ExperimentRunner"/> when a search fails and removed when it is started again, so an experiment's summary
/// can list the search as failed (with this reason) instead of not started or unfinished.
/// </summary>
public sealed record SearchFailureRecord
{
    /// <summary>The one-line reason the launcher gave (an exception's message, or the child's exit code and last error
    /// line).</summary>
    public required string Reason { get; init; }

    /// <summary>When the failure was recorded (UTC).</summary>
    public DateTimeOffset? FailedAt { get; init; }
}
