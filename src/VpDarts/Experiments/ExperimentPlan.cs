using System.Text.Json;
using System.Text.Json.Nodes;
using VpDarts.Runs;
using VpDarts.Runtime;

namespace VpDarts.Experiments;

/// <summary>One search of an experiment: a variant's settings with one seed.</summary>
/// <param name="Index">Position in the plan (the array index of cluster jobs), from 0.</param>
/// <param name="Variant">The variant searched.</param>
/// <param name="Seed">The seed.</param>
/// <param name="Config">The complete settings of the search.</param>
public sealed record SearchSpec(int Index, ExperimentVariant Variant, int Seed, SearchConfig Config)
{
    /// <summary>Run folder name: <c>&lt;variant&gt;-s&lt;seed&gt;</c>.</summary>
    public string Name => $"{Variant.Name}-s{Seed}";
}

/// <summary>
/// An experiment made concrete: its definition, the settings shared by every search (a preset with overrides), the
/// number of seeds, and the resulting searches in seed-major order (every variant of seed 0 first), so that the
/// first finished searches already fill every row of the table.
/// </summary>
public sealed class ExperimentPlan
{
    private ExperimentPlan(ExperimentDefinition definition, string preset, SearchConfig baseConfig, int seeds)
    {
        Definition = definition;
        Preset = preset;
        BaseConfig = baseConfig;
        Seeds = seeds;
        Specs = Enumerable.Range(0, seeds)
            .SelectMany(seed => definition.Variants.Select(v => (seed, v)))
            .Select((p, i) => new SearchSpec(i, p.v, p.seed, p.v.Apply(baseConfig) with { Seed = p.seed }))
            .ToList();
    }

    /// <summary>The experiment.</summary>
    public ExperimentDefinition Definition { get; }
    /// <summary>Name of the preset the base settings started from.</summary>
    public string Preset { get; }
    /// <summary>Settings shared by every search before the variant applies its own.</summary>
    public SearchConfig BaseConfig { get; }
    /// <summary>Number of seeds (0 … Seeds − 1).</summary>
    public int Seeds { get; }
    /// <summary>Every search, seed-major.</summary>
    public IReadOnlyList<SearchSpec> Specs { get; }

    /// <summary>
    /// Plans experiment <paramref name="name"/>; every search's settings are validated (dataset spec included unless
    /// <paramref name="checkDataset"/> is false), so a bad setting fails before anything is written.
    /// </summary>
    /// <exception cref="UserInputException">Unknown experiment, seeds below 1, or a search's settings are invalid.</exception>
    public static ExperimentPlan Create(string name, string preset, SearchConfig baseConfig, int seeds, bool checkDataset = true)
    {
        ArgumentNullException.ThrowIfNull(baseConfig);
        if (seeds < 1) throw new UserInputException($"--seeds: must be at least 1, got {seeds}");
        var plan = new ExperimentPlan(ExperimentCatalog.Get(name), preset, baseConfig, seeds);
        foreach (var spec in plan.Specs)
        {
            try { spec.Config.Validate(checkDataset); }
            catch (UserInputException e) { throw new UserInputException($"{name} run {spec.Name}: {e.Message}", e); }
        }
        return plan;
    }

    /// <summary>
    /// Writes the plan into <paramref name="dir"/>: <c>experiment.json</c>, <c>runs.txt</c> (one run name per line,
    /// in index order) and <c>configs/&lt;index&gt;.json</c>. A folder already holding a plan must hold the same
    /// experiment with the same base settings (the thread count aside); the number of seeds may change.
    /// </summary>
    /// <exception cref="UserInputException">The folder holds a different experiment or different settings.</exception>
    public void WriteTo(ExperimentDirectory dir)
    {
        ArgumentNullException.ThrowIfNull(dir);
        if (File.Exists(dir.ManifestPath))
        {
            var stored = Load(dir);
            if (stored.Definition.Name != Definition.Name)
                throw new UserInputException($"{dir.Root}: holds experiment '{stored.Definition.Name}', not '{Definition.Name}'");
            var differences = SearchConfigFile.Differences(stored.BaseConfig with { Threads = 0 }, BaseConfig with { Threads = 0 });
            if (differences.Count > 0)
                throw new UserInputException($"{dir.Root}: settings differ from the experiment's experiment.json: {string.Join("; ", differences)}");
        }
        foreach (var spec in Specs) RunDirectory.WriteJson(dir.ConfigPath(spec), spec.Config);
        AtomicFile.WriteAllText(dir.RunsListPath, string.Concat(Specs.Select(s => s.Name + "\n")));
        var manifest = new JsonObject
        {
            ["experiment"] = Definition.Name,
            ["preset"] = Preset,
            ["seeds"] = Seeds,
            ["runs"] = new JsonArray(Specs.Select(s => (JsonNode)s.Name).ToArray()),
            ["base_config"] = JsonSerializer.SerializeToNode(BaseConfig, RunDirectory.Json),
        };
        AtomicFile.WriteAllText(dir.ManifestPath, manifest.ToJsonString(RunDirectory.Json) + "\n");
    }

    /// <summary>Reads the plan that <see cref="WriteTo"/> left in <paramref name="dir"/>.</summary>
    /// <exception cref="UserInputException">No <c>experiment.json</c>, or it is malformed.</exception>
    public static ExperimentPlan Load(ExperimentDirectory dir)
    {
        ArgumentNullException.ThrowIfNull(dir);
        if (!File.Exists(dir.ManifestPath)) throw new UserInputException($"{dir.Root}: no experiment.json there, so no experiment to collect");
        JsonObject manifest;
        try { manifest = JsonNode.Parse(File.ReadAllText(dir.ManifestPath))?.AsObject() ?? throw new JsonException("null"); }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            throw new UserInputException($"{dir.ManifestPath}: not a JSON object ({e.Message.Split('\n')[0]})", e);
        }
        string Text(string key) => manifest[key] is JsonValue v && v.TryGetValue<string>(out var s)
            ? s : throw new UserInputException($"{dir.ManifestPath}: '{key}' is missing or not a string");
        var seeds = manifest["seeds"] is JsonValue sv && sv.TryGetValue<int>(out var n)
            ? n : throw new UserInputException($"{dir.ManifestPath}: 'seeds' is missing or not an integer");
        var configNode = manifest["base_config"] as JsonObject ?? throw new UserInputException($"{dir.ManifestPath}: 'base_config' is missing");
        var baseConfig = SearchConfigFile.Parse(configNode.ToJsonString(), $"{dir.ManifestPath}: base_config");
        if (seeds < 1) throw new UserInputException($"{dir.ManifestPath}: 'seeds' must be at least 1, got {seeds}");
        // Not validated again: the plan was checked when written, and its files (table, data) may live elsewhere now.
        return new ExperimentPlan(ExperimentCatalog.Get(Text("experiment")), Text("preset"), baseConfig, seeds);
    }
}

/// <summary>
/// An experiment's folder: <c>experiment.json</c>, <c>runs.txt</c>, <c>configs/</c>, <c>runs/&lt;variant&gt;-s&lt;seed&gt;/</c>,
/// <c>logs/</c>, and the summary (<c>experiment.md</c>, CSV files, <c>figures/</c>).
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
            throw new UserInputException($"{Root}: the folder is not empty and holds no experiment; choose a new or empty folder");
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
    /// <summary>Whether search <paramref name="spec"/> has finished (its run folder holds <c>result.json</c>).</summary>
    public bool IsFinished(SearchSpec spec) => File.Exists(Path.Combine(RunPath(spec), "result.json"));
    /// <summary>A file of the summary.</summary>
    public string In(string name) => Path.Combine(Root, name);
}
