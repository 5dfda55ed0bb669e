namespace VpDarts.Experiments;

/// <summary>How one search of an experiment is carried out.</summary>
public interface ISearchLauncher
{
    /// <summary>Whether several searches may run through this launcher at once.</summary>
    bool RunsConcurrently { get; }

    /// <summary>
    /// Runs (or resumes) <paramref name="spec"/> into <see cref="ExperimentDirectory.RunPath"/>, writing its output
    /// to <see cref="ExperimentDirectory.LogPath"/>; returns null on success, else a one-line reason.
    /// </summary>
    string? Run(SearchSpec spec, ExperimentDirectory dir, CancellationToken cancel);
}
