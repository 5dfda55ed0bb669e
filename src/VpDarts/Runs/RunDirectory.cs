using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using VpDarts.Runtime;

namespace VpDarts.Runs;

/// <summary>
/// A run's folder: <c>config.json</c>, <c>metrics.jsonl</c> (one JSON object per epoch), <c>result.json</c>,
/// <c>checkpoints/</c>, and the marker <c>.vpdarts-run</c>. Every write is atomic. A new run never writes into a
/// folder that holds anything but a run it may replace (<see cref="ForNewRun"/>).
/// </summary>
public sealed class RunDirectory
{
    /// <summary>
    /// JSON settings used for every file of a run. Types resolve through <see cref="RunJsonContext"/>; reflection serves
    /// only types the context cannot list, such as the exported model's <c>model.json</c> (Export uses this namespace,
    /// so this namespace cannot name its types).
    /// </summary>
    public static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,  // arch strings keep their '+'
        TypeInfoResolver = JsonTypeInfoResolver.Combine(RunJsonContext.Default, new DefaultJsonTypeInfoResolver()),
    };

    private static readonly JsonSerializerOptions JsonLine = new(Json) { WriteIndented = false };

    /// <summary>A file every run folder holds, so that <c>--force</c> only ever replaces a folder a run made.</summary>
    public const string MarkerFile = ".vpdarts-run";

    /// <summary>What a run writes into its folder; <c>--force</c> replaces a run only when it holds nothing else.</summary>
    private static readonly string[] RunEntries =
        [MarkerFile, "config.json", "metrics.jsonl", "result.json", "checkpoints", "report.md", "figures", "tensorboard", "model", "train"];

    private string? _replacing;  // a run folder this new run replaces when it starts (--force)

    /// <summary>The run folder at <paramref name="path"/>; nothing is created until something is written.</summary>
    public RunDirectory(string path) => Root = Path.GetFullPath(path);

    /// <summary>
    /// The folder of a new run named by <paramref name="option"/>: it must not exist or be empty. A folder holding a
    /// run is refused (continue it with <c>--resume</c>) unless <paramref name="replace"/>, which replaces it when
    /// <see cref="Create"/> is called; a folder holding anything else is always refused. Nothing is written here.
    /// </summary>
    public static RunDirectory ForNewRun(string path, string option, bool replace, string command)
    {
        var run = new RunDirectory(path);
        if (File.Exists(run.Root)) throw new UserInputException($"{option} {run.Root}: a file, not a folder");
        if (!Directory.Exists(run.Root) || run.IsUnused) return run;
        if (!run.HoldsRun)
            throw new UserInputException($"{option} {run.Root}: the folder is not empty and holds no vpdarts run; choose a new or empty folder");
        if (!replace)
            throw new UserInputException($"{option} {run.Root}: already holds a run; continue it with 'vpdarts {command} --resume {run.Root}', " +
                                         "or add --force to replace it");
        var foreign = run.ForeignEntries();
        if (foreign.Count > 0)
            throw new UserInputException($"{option} {run.Root}: --force replaces a run, but the folder also holds {string.Join(", ", foreign.Take(3))}" +
                                         $"{(foreign.Count > 3 ? $" and {foreign.Count - 3} more" : "")}; move them or choose another folder");
        run._replacing = run.Root;
        return run;
    }

    /// <summary>The folder of an existing run named by <paramref name="option"/> (<c>--resume</c>): it must hold a <c>config.json</c>.</summary>
    public static RunDirectory ForResume(string path, string option)
    {
        var run = new RunDirectory(path);
        if (!Directory.Exists(run.Root)) throw new UserInputException($"{option} {run.Root}: no such folder, so nothing to resume");
        if (!File.Exists(run.ConfigPath)) throw new UserInputException($"{option} {run.Root}: no config.json there, so nothing to resume");
        return run;
    }

    /// <summary>
    /// Creates the folder (replacing the run that <see cref="ForNewRun"/> accepted to replace) and marks it as a run.
    /// Called when the run is about to start, so a failure before that (bad data, a failed host check) leaves no folder.
    /// </summary>
    public void Create(string option = "--out")
    {
        try
        {
            if (_replacing is not null)
            {
                foreach (var entry in RunEntries.Select(e => Path.Combine(Root, e)).Concat(Temporaries()))
                    if (Directory.Exists(entry)) Directory.Delete(entry, recursive: true);
                    else File.Delete(entry);
                _replacing = null;
            }
            Directory.CreateDirectory(Root);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UserInputException($"{option} {Root}: cannot create the run folder ({OneLine.Of(e)})", e);
        }
        Mark();
    }

    /// <summary>Whether the folder holds a run: the marker, or (written before the marker existed) config.json with checkpoints or metrics.</summary>
    public bool HoldsRun =>
        File.Exists(Path.Combine(Root, MarkerFile)) ||
        File.Exists(ConfigPath) && (Directory.Exists(CheckpointsPath) || File.Exists(MetricsPath));

    /// <summary>
    /// A folder that already holds a run continues only under its own settings: other settings would train a
    /// different run on top of its checkpoints. <paramref name="requested"/> gives the settings asked for with the
    /// stored values of those that do not change the run (threads, cache folders); <paramref name="kind"/> ("a
    /// search") and <paramref name="command"/> ("search") word the error; <paramref name="resolve"/> fills the stored
    /// settings' unset values (an older config.json) before they are compared.
    /// </summary>
    public void RequireSameSettings<T>(Func<T, T> requested, string kind, string command, Func<T, T>? resolve = null) where T : class
    {
        if (!File.Exists(ConfigPath)) return;
        var stored = SettingsFile<T>.Load(ConfigPath);
        if (resolve is not null) stored = resolve(stored);
        var differences = SettingsFile<T>.Differences(stored, requested(stored));
        if (differences.Count > 0)
            throw new UserInputException($"{Root}: holds {kind} with other settings ({string.Join("; ", differences)}); " +
                                         $"continue it with 'vpdarts {command} --resume {Root}' or start the new one in another folder");
    }

    /// <summary>Writes the run's settings and its <paramref name="provenance"/> to <c>config.json</c> and marks the folder as a run.</summary>
    public void WriteConfig<T>(T config, RunProvenance provenance)
    {
        AtomicFile.WriteAllText(ConfigPath, ConfigText(config, provenance));
        Mark();
    }

    /// <summary>
    /// The text of a <c>config.json</c>: every setting of <paramref name="config"/>, then the object
    /// <see cref="RunProvenance.Key"/> holding <paramref name="provenance"/>.
    /// </summary>
    public static string ConfigText<T>(T config, RunProvenance provenance)
    {
        var settings = JsonSerializer.SerializeToNode(config, Json)!.AsObject();
        settings[RunProvenance.Key] = JsonSerializer.SerializeToNode(provenance, Json);
        return settings.ToJsonString(Json) + "\n";
    }

    private void Mark()
    {
        var marker = Path.Combine(Root, MarkerFile);
        if (!File.Exists(marker)) AtomicFile.WriteAllText(marker, "vpdarts run folder: config.json, metrics.jsonl, checkpoints/, result.json\n");
    }

    /// <summary>Empty, or holding only the marker and temporary files (a run that stopped before writing its settings).</summary>
    private bool IsUnused =>
        Directory.EnumerateFileSystemEntries(Root).Select(Path.GetFileName).All(name => name == MarkerFile || IsTemporary(name!));

    private IEnumerable<string> Temporaries() =>
        Directory.EnumerateFiles(Root).Where(path => IsTemporary(Path.GetFileName(path))).ToList();

    private List<string> ForeignEntries() =>
        Directory.EnumerateFileSystemEntries(Root).Select(Path.GetFileName)
            .Where(name => !RunEntries.Contains(name) && !IsTemporary(name!)).Order(StringComparer.Ordinal).ToList()!;

    private static bool IsTemporary(string name) => name.StartsWith('.') && name.EndsWith(".tmp", StringComparison.Ordinal);

    /// <summary>Absolute path of the folder.</summary>
    public string Root { get; }

    /// <summary>Settings file.</summary>
    public string ConfigPath => Path.Combine(Root, "config.json");
    /// <summary>Per-epoch metrics, one JSON object per line.</summary>
    public string MetricsPath => Path.Combine(Root, "metrics.jsonl");
    /// <summary>Final result.</summary>
    public string ResultPath => Path.Combine(Root, "result.json");
    /// <summary>Checkpoint folder.</summary>
    public string CheckpointsPath => Path.Combine(Root, "checkpoints");

    /// <summary>Writes an object as indented JSON, atomically.</summary>
    public static void WriteJson<T>(string path, T value) => AtomicFile.WriteAllText(path, JsonSerializer.Serialize(value, Json) + "\n");

    /// <summary>Reads the lines of a search's metrics file written so far.</summary>
    public IReadOnlyList<SearchEpochRecord> ReadSearchMetrics() => ReadMetrics<SearchEpochRecord>();

    /// <summary>Reads the lines of a training run's metrics file written so far.</summary>
    public IReadOnlyList<TrainEpochRecord> ReadTrainMetrics() => ReadMetrics<TrainEpochRecord>();

    private List<T> ReadMetrics<T>() where T : class
    {
        if (!File.Exists(MetricsPath)) return [];
        var lines = File.ReadAllLines(MetricsPath);
        var result = new List<T>();
        for (var i = 0; i < lines.Length; i++)
            if (lines[i].Trim().Length > 0) result.Add(RunJson.Parse<T>(lines[i], $"{MetricsPath}:{i + 1}"));
        return result;
    }

    /// <summary>Rewrites the metrics file with <paramref name="lines"/> (atomic, so an interrupted append loses nothing).</summary>
    public void WriteMetrics<T>(IEnumerable<T> lines) =>
        AtomicFile.WriteAllText(MetricsPath, string.Concat(lines.Select(l => JsonSerializer.Serialize(l, JsonLine) + "\n")));
}
