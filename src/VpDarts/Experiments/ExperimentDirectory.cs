namespace VpDarts.Experiments;

/// <summary>
/// An experiment's folder: <c>experiment.json</c>, <c>runs.txt</c>, <c>configs/</c>,
/// <c>runs/&lt;variant&gt;-s&lt;seed&gt;/</c>, <c>logs/</c>, and the summary (<c>experiment.md</c>, CSV files,
/// <c>figures/</c>).
/// </summary>
public sealed class ExperimentDirectory
{
    /// <summary>
    /// Opens (creating if needed) the experiment folder at <paramref name="path"/>; an existing folder must hold an
    /// experiment or nothing, so an experiment never writes among other files.
    /// </summary>
    public ExperimentDirectory(string path)
    {
        Root = Path.GetFullPath(path);
        if (File.Exists(Root)) throw new UserInputException($"{Root}: a file, not a folder");
        if (Directory.Exists(Root) && !File.Exists(ManifestPath) && Directory.EnumerateFileSystemEntries(Root).Any())
            throw new UserInputException(
                $"{Root}: the folder is not empty and holds no experiment; choose a new or empty folder");
        try { Directory.CreateDirectory(Root); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UserInputException($"--out {Root}: cannot create the experiment folder ({e.Message})", e);
        }
    }

    /// <summary>Absolute path of the folder.</summary>
    public string Root { get; }
    /// <summary>The plan: experiment, preset, seeds, base settings, run names.</summary>
    public string ManifestPath => Path.Combine(Root, "experiment.json");
    /// <summary>Run names, one per line, line i + 1 = index i.</summary>
    public string RunsListPath => Path.Combine(Root, "runs.txt");
    /// <summary>The summary.</summary>
    public string ReportPath => Path.Combine(Root, "experiment.md");
    /// <summary>Figures of the summary.</summary>
    public string FiguresPath => Path.Combine(Root, "figures");
    /// <summary>The settings file of search <paramref name="spec"/>.</summary>
    public string ConfigPath(SearchSpec spec) => Path.Combine(Root, "configs", $"{spec.Index}.json");
    /// <summary>The run folder of search <paramref name="spec"/>.</summary>
    public string RunPath(SearchSpec spec) => Path.Combine(Root, "runs", spec.Name);
    /// <summary>The output log of search <paramref name="spec"/> when run by <see cref="ExperimentRunner"/>.</summary>
    public string LogPath(SearchSpec spec) => Path.Combine(Root, "logs", spec.Name + ".log");

    /// <summary>The failure record of search <paramref name="spec"/> (<see cref="SearchFailureRecord"/>), beside its
    /// log.</summary>
    public string FailurePath(SearchSpec spec) => Path.Combine(Root, "logs", spec.Name + ".failure.json");

    /// <summary>The search's log, created with its folder if missing, opened for appending; every line reaches the file
    /// at once.</summary>
    public StreamWriter OpenLog(SearchSpec spec)
    {
        var log = LogPath(spec);
        Directory.CreateDirectory(Path.GetDirectoryName(log)!);
        return new StreamWriter(log, append: true) { AutoFlush = true };
    }
    /// <summary>Whether search <paramref name="spec"/> has finished (its run folder holds
    /// <c>result.json</c>).</summary>
    public bool IsFinished(SearchSpec spec) => File.Exists(Path.Combine(RunPath(spec), "result.json"));
    /// <summary>A file of the summary.</summary>
    public string In(string name) => Path.Combine(Root, name);
}
