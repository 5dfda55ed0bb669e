using System.Text.Json.Nodes;
using VpDarts.Runs;
using VpDarts.SearchSpace;

namespace VpDarts.Reporting;

/// <summary>Everything a run folder holds that a report uses, read and checked.</summary>
internal sealed class RunRecord
{
    private RunRecord(string root, JsonFields? config, IReadOnlyList<EpochRecord> epochs, ResultRecord? result)
    {
        Root = root;
        Config = config;
        Epochs = epochs;
        Result = result;
    }

    public string Root { get; }

    /// <summary><c>config.json</c>, or null when the folder has none.</summary>
    public JsonFields? Config { get; }

    /// <summary>The metrics lines, in file order.</summary>
    public IReadOnlyList<EpochRecord> Epochs { get; }

    /// <summary><c>result.json</c>, or null while the run has not finished.</summary>
    public ResultRecord? Result { get; }

    public bool Finished => Result is not null;

    public EpochRecord? Last => Epochs.Count > 0 ? Epochs[^1] : null;

    /// <summary>The final cell (result.json) or, for an unfinished run, the cell after the last epoch.</summary>
    public Genotype? Cell => ParseArch(Result?.Arch) ?? ParseArch(Last?.Arch);

    /// <summary>
    /// Reads a run folder. Throws <see cref="UserInputException"/> naming the folder or file when the folder is
    /// missing, has no <c>metrics.jsonl</c>, or a file (a line, for <c>metrics.jsonl</c>) is not what a run writes.
    /// </summary>
    public static RunRecord Load(string runDir)
    {
        if (string.IsNullOrWhiteSpace(runDir)) throw new UserInputException("RUN_DIR: no run folder given");
        var root = Path.GetFullPath(runDir);
        if (!Directory.Exists(root))
            throw new UserInputException(File.Exists(root) ? $"{root}: not a folder (expected a run folder)" : $"{root}: run folder not found");
        var metricsPath = Path.Combine(root, "metrics.jsonl");
        if (!File.Exists(metricsPath)) throw new UserInputException($"{metricsPath}: not found (is {root} a run folder?)");

        var config = ReadObject(Path.Combine(root, "config.json"));
        var epochs = ReadMetrics(metricsPath);
        var resultFields = ReadObject(Path.Combine(root, "result.json"));
        return new RunRecord(root, config, epochs, resultFields is null ? null : ResultRecord.From(resultFields));
    }

    private static JsonFields? ReadObject(string path)
    {
        if (!File.Exists(path)) return null;
        return JsonFields.Parse(ReadText(path), path);
    }

    private static List<EpochRecord> ReadMetrics(string path)
    {
        var lines = ReadText(path).Split('\n');
        var epochs = new List<EpochRecord>();
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            if (line.Trim().Length == 0) continue;
            epochs.Add(EpochRecord.From(JsonFields.Parse(line, $"{path}:{i + 1}")));
        }
        if (epochs.Count == 0) throw new UserInputException($"{path}: no epochs recorded yet");
        return epochs;
    }

    private static string ReadText(string path)
    {
        try { return File.ReadAllText(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UserInputException($"{path}: cannot read ({e.Message.Split('\n')[0].Trim()})", e);
        }
    }

    private static Genotype? ParseArch(string? text) => Genotype.TryParse(text, out var g, out _) ? g : null;

    /// <summary>A setting from <c>config.json</c> as text, or null.</summary>
    public string? Setting(string key) => Config?.Object[key] switch
    {
        null => null,
        JsonValue v when v.GetValueKind() == System.Text.Json.JsonValueKind.String => v.GetValue<string>(),
        var node => node.ToJsonString(RunDirectory.Json),
    };
}
