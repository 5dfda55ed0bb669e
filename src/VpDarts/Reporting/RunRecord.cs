using System.Text.Json.Nodes;
using VpDarts.Runs;
using VpDarts.SearchSpace;

namespace VpDarts.Reporting;

/// <summary>Everything a run folder holds that a report uses, read and checked.</summary>
internal sealed class RunRecord
{
    private RunRecord(string root, JsonObject? config, IReadOnlyList<SearchEpochRecord> epochs,
        SearchResultRecord? result)
    {
        Root = root;
        Config = config;
        Epochs = epochs;
        Result = result;
    }

    public string Root { get; }

    /// <summary><c>config.json</c> as written (every key, whichever version wrote it), or null when the folder has
    /// none.</summary>
    public JsonObject? Config { get; }

    /// <summary>The metrics lines, in file order.</summary>
    public IReadOnlyList<SearchEpochRecord> Epochs { get; }

    /// <summary><c>result.json</c>, or null while the run has not finished.</summary>
    public SearchResultRecord? Result { get; }

    public bool Finished => Result is not null;

    public SearchEpochRecord? Last => Epochs.Count > 0 ? Epochs[^1] : null;

    /// <summary>The final cell (result.json) or, for an unfinished run, the cell after the last epoch.</summary>
    public Genotype? Cell => ParseArch(Result?.Arch) ?? ParseArch(Last?.Arch);

    /// <summary>
    /// Reads a run folder. Throws <see cref="UserInputException"/> naming the folder or file when the folder is
    /// missing, has no <c>metrics.jsonl</c>, or a file (a line, for <c>metrics.jsonl</c>) is not what a run writes.
    /// </summary>
    public static RunRecord Load(string runDir)
    {
        var root = RequireRunFolder(runDir);
        var run = new RunDirectory(root);
        if (!File.Exists(run.MetricsPath))
            throw new UserInputException($"{run.MetricsPath}: not found (is {root} a run folder?)");

        var config = File.Exists(run.ConfigPath) ? RunJson.ParseObject(ReadText(run.ConfigPath), run.ConfigPath) : null;
        var epochs = ReadLines<SearchEpochRecord>(run.MetricsPath);
        SearchResultRecord? result = null;
        if (File.Exists(run.ResultPath))
        {
            var text = ReadText(run.ResultPath);
            result = RunJson.Parse<SearchResultRecord>(text, run.ResultPath);
            RunRecordCheck.CheckResult(run, RunJson.ParseObject(text, run.ResultPath));
        }
        return new RunRecord(root, config, epochs, result);
    }

    /// <summary>
    /// The absolute path of <paramref name="runDir"/>, which must be a folder holding a vpdarts run
    /// (<see cref="RunDirectory.HoldsRun"/>) and whose <c>figures/</c>, if any, is a folder of its own: a report writes
    /// <c>report.md</c> and figures into no other folder.
    /// </summary>
    /// <exception cref="UserInputException">The folder is missing, a file, or holds no run, or its figures/ is a link
    /// or a file; the message names it.</exception>
    public static string RequireRunFolder(string runDir)
    {
        if (string.IsNullOrWhiteSpace(runDir)) throw new UserInputException("RUN_DIR: no run folder given");
        var root = Path.GetFullPath(runDir);
        if (!Directory.Exists(root))
            throw new UserInputException(File.Exists(root)
                ? $"{root}: not a folder (expected a run folder)" : $"{root}: run folder not found");
        var run = new RunDirectory(root);
        if (!run.HoldsRun)
            throw new UserInputException(
                $"{root}: holds no vpdarts run; report writes report.md and figures/ only into a run's folder");
        run.RequireRegularRecord("RUN_DIR");
        RequireOwnFigures(Path.Combine(root, RunReport.FiguresFolder), "the run", "report");
        return root;
    }

    /// <summary>
    /// Refuses a <c>figures/</c> that is a link (a report would write, and delete stale figures, in the folder it
    /// links to) or a file; a missing one is fine. <paramref name="owner"/> ("the run") and <paramref name="command"/>
    /// word the error.
    /// </summary>
    public static void RequireOwnFigures(string figuresPath, string owner, string command)
    {
        var figures = new DirectoryInfo(figuresPath);
        if (figures.LinkTarget is not null || File.Exists(figures.FullName))
            throw new UserInputException($"{figures.FullName}: not a folder of {owner} " +
                $"({(figures.LinkTarget is { } target ? $"a link to {target}" : "a file")}); " +
                                         $"{command} writes figures only into {owner}'s own figures/ folder");
    }

    /// <summary>The lines of a metrics file (blank lines count for line numbers); at least one.</summary>
    public static List<T> ReadLines<T>(string path) where T : class
    {
        var lines = ReadText(path).Split('\n');
        var records = new List<T>();
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            if (line.Trim().Length == 0) continue;
            records.Add(RunJson.Parse<T>(line, $"{path}:{i + 1}"));
        }
        if (records.Count == 0) throw new UserInputException($"{path}: no epochs recorded yet");
        return records;
    }

    public static string ReadText(string path)
    {
        try { return File.ReadAllText(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UserInputException($"{path}: cannot read ({OneLine.Of(e)})", e);
        }
    }

    private static Genotype? ParseArch(string? text) => Genotype.TryParse(text, out var g, out _) ? g : null;

    /// <summary>A setting from <c>config.json</c> as text, or null.</summary>
    public string? Setting(string key) => Config?[key] switch
    {
        null => null,
        JsonValue v when v.GetValueKind() == System.Text.Json.JsonValueKind.String => v.GetValue<string>(),
        var node => node.ToJsonString(RunDirectory.Json),
    };
}
