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
    /// <exception cref="UserInputException">Unknown experiment, seeds below 1, or a search's settings are
    /// invalid.</exception>
    public static ExperimentPlan Create(string name, string preset, SearchConfig baseConfig, int seeds,
        bool checkDataset = true) =>
        Create(ExperimentCatalog.Get(name), preset, baseConfig, seeds, checkDataset);

    /// <summary>
    /// Plans <paramref name="definition"/> (a catalogue experiment or a sweep); every search's settings are validated
    /// (dataset spec included unless <paramref name="checkDataset"/> is false), so a bad setting fails before anything
    /// is written.
    /// </summary>
    /// <exception cref="UserInputException">Seeds below 1, or a search's settings are invalid (for a sweep the message
    /// names <c>--grid</c> and the variant).</exception>
    public static ExperimentPlan Create(ExperimentDefinition definition, string preset, SearchConfig baseConfig,
        int seeds, bool checkDataset = true)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(baseConfig);
        if (seeds < 1) throw new UserInputException($"--seeds: must be at least 1, got {seeds}");
        var plan = new ExperimentPlan(definition, preset.ToLowerInvariant(), baseConfig, seeds);
        foreach (var spec in plan.Specs)
        {
            try { spec.Config.Validate(checkDataset); }
            catch (UserInputException e)
            {
                throw new UserInputException(definition.Grid is null
                    ? $"{definition.Name} run {spec.Name}: {e.Message}"
                    : $"--grid: variant {spec.Variant.Label}: {e.Message}", e);
            }
        }
        return plan;
    }

    /// <summary>
    /// Checks that <paramref name="dir"/> holds no plan or this plan's experiment with the same base settings (the
    /// thread count and the table's location aside: the table is copied into the folder), so nothing is written into a
    /// folder that will be refused.
    /// </summary>
    /// <exception cref="UserInputException">The folder holds a different experiment or different settings.</exception>
    public void EnsureSameExperiment(ExperimentDirectory dir)
    {
        ArgumentNullException.ThrowIfNull(dir);
        if (!File.Exists(dir.ManifestPath)) return;
        var stored = Load(dir);
        if (stored.Definition.Name != Definition.Name)
            throw new UserInputException(
                $"{dir.Root}: holds experiment '{stored.Definition.Name}', not '{Definition.Name}'");
        if (!GridArguments(stored.Definition).SequenceEqual(GridArguments(Definition)))
            throw new UserInputException($"{dir.Root}: holds a sweep over {GridText(stored.Definition)}, not " +
                                         $"{GridText(Definition)}; give the same grid to go on with it, " +
                                         "or another --out");
        var differences = SettingsFile<SearchConfig>.Differences(stored.BaseConfig with { Threads = 0, Table = null },
            BaseConfig with { Threads = 0, Table = null });
        if (differences.Count > 0)
            throw new UserInputException(
                $"{dir.Root}: settings differ from the experiment's experiment.json: {string.Join("; ", differences)}");
    }

    /// <summary>
    /// Writes the plan into <paramref name="dir"/>: <c>experiment.json</c>, <c>runs.txt</c> (one run name per line,
    /// in index order) and <c>configs/&lt;index&gt;.json</c>. A folder already holding a plan must hold the same
    /// experiment with the same base settings (<see cref="EnsureSameExperiment"/>); the number of seeds may change.
    /// </summary>
    /// <exception cref="UserInputException">The folder holds a different experiment or different settings.</exception>
    public void WriteTo(ExperimentDirectory dir)
    {
        EnsureSameExperiment(dir);
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
        if (Definition.Grid is { } grid)
            manifest["grid"] = new JsonArray(grid.Arguments.Select(a => (JsonNode)a).ToArray());
        AtomicFile.WriteAllText(dir.ManifestPath, manifest.ToJsonString(RunDirectory.Json) + "\n");
    }

    /// <summary>Reads the plan that <see cref="WriteTo"/> left in <paramref name="dir"/>.</summary>
    /// <exception cref="UserInputException">No <c>experiment.json</c>, or it is malformed.</exception>
    public static ExperimentPlan Load(ExperimentDirectory dir)
    {
        ArgumentNullException.ThrowIfNull(dir);
        if (!File.Exists(dir.ManifestPath))
            throw new UserInputException($"{dir.Root}: no experiment.json there, so no experiment to collect");
        JsonObject manifest;
        try
        {
            manifest = JsonNode.Parse(File.ReadAllText(dir.ManifestPath))?.AsObject()
                ?? throw new JsonException("null");
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            throw new UserInputException($"{dir.ManifestPath}: not a JSON object ({OneLine.Of(e)})", e);
        }
        string Text(string key) => manifest[key] is JsonValue v && v.TryGetValue<string>(out var s)
            ? s : throw new UserInputException($"{dir.ManifestPath}: '{key}' is missing or not a string");
        var seeds = manifest["seeds"] is JsonValue sv && sv.TryGetValue<int>(out var n)
            ? n : throw new UserInputException($"{dir.ManifestPath}: 'seeds' is missing or not an integer");
        var configNode = manifest["base_config"] as JsonObject
            ?? throw new UserInputException($"{dir.ManifestPath}: 'base_config' is missing");
        var baseConfig =
            SettingsFile<SearchConfig>.Parse(configNode.ToJsonString(), $"{dir.ManifestPath}: base_config");
        if (seeds < 1) throw new UserInputException($"{dir.ManifestPath}: 'seeds' must be at least 1, got {seeds}");
        var name = Text("experiment");
        ExperimentDefinition definition;
        if (name != SweepGrid.ExperimentName) definition = ExperimentCatalog.Get(name);
        else
        {
            var grid = manifest["grid"] is JsonArray array
                && array.All(a => a is JsonValue v && v.TryGetValue<string>(out _))
                ? array.Select(a => a!.GetValue<string>()).ToList()
                : throw new UserInputException(
                    $"{dir.ManifestPath}: 'grid' is missing or not a list of KEY=V1,V2 strings");
            try { definition = SweepGrid.Parse(grid).Definition(); }
            catch (UserInputException e) { throw new UserInputException($"{dir.ManifestPath}: {e.Message}", e); }
        }
        // Not validated again: the plan was checked when written, and its files (table, data) may live elsewhere now.
        return new ExperimentPlan(definition, Text("preset"), baseConfig, seeds);
    }

    private static IReadOnlyList<string> GridArguments(ExperimentDefinition definition)
        => definition.Grid?.Arguments ?? [];

    private static string GridText(ExperimentDefinition definition)
        => string.Join(' ', GridArguments(definition).Select(a => "--grid " + a));
}
