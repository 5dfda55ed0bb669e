using System.Text.Json.Nodes;
using VpDarts.Runs;
using VpDarts.Runtime;

namespace VpDarts.Experiments;

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
        var plan = new ExperimentPlan(ExperimentCatalog.Get(name), preset.ToLowerInvariant(), baseConfig, seeds);
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
            var differences = SettingsFile<SearchConfig>.Differences(stored.BaseConfig with { Threads = 0 }, BaseConfig with { Threads = 0 });
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
            throw new UserInputException($"{dir.ManifestPath}: not a JSON object ({OneLine.Of(e)})", e);
        }
        string Text(string key) => manifest[key] is JsonValue v && v.TryGetValue<string>(out var s)
            ? s : throw new UserInputException($"{dir.ManifestPath}: '{key}' is missing or not a string");
        var seeds = manifest["seeds"] is JsonValue sv && sv.TryGetValue<int>(out var n)
            ? n : throw new UserInputException($"{dir.ManifestPath}: 'seeds' is missing or not an integer");
        var configNode = manifest["base_config"] as JsonObject ?? throw new UserInputException($"{dir.ManifestPath}: 'base_config' is missing");
        var baseConfig = SettingsFile<SearchConfig>.Parse(configNode.ToJsonString(), $"{dir.ManifestPath}: base_config");
        if (seeds < 1) throw new UserInputException($"{dir.ManifestPath}: 'seeds' must be at least 1, got {seeds}");
        // Not validated again: the plan was checked when written, and its files (table, data) may live elsewhere now.
        return new ExperimentPlan(ExperimentCatalog.Get(Text("experiment")), Text("preset"), baseConfig, seeds);
    }
}
