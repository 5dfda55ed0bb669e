using System.Text.Json.Nodes;
using VpDarts.Runs;

namespace VpDarts.Experiments;

/// <summary>
/// The grid of a sweep (<c>vpdarts experiment sweep --grid KEY=V1,V2 …</c>): config.json keys and their values, whose
/// Cartesian product is the list of variants (the last key varies fastest, as in nested loops). Values are read
/// with the key's type exactly as a settings file reads them (<see cref="SettingsFile{T}"/>); a variant's settings are
/// its base settings with the grid's values laid over them, so the grid wins over the preset, the config file and
/// options.
/// </summary>
public sealed class SweepGrid
{
    /// <summary>The experiment name of every sweep (command, <c>experiment.json</c>, job and CSV names).</summary>
    public const string ExperimentName = "sweep";

    /// <summary>Most variants a grid may make (each is searched once per seed).</summary>
    public const int MaxVariants = 10_000;

    /// <summary>Longest variant name; a run folder name adds <c>-s&lt;seed&gt;</c> and must stay within file-system
    /// limits.</summary>
    public const int MaxVariantNameLength = 200;

    /// <summary>Option spellings of the search command whose config.json key is not the option name in
    /// snake_case.</summary>
    private static readonly Dictionary<string, string> OptionAliases = new(StringComparer.Ordinal)
    {
        ["k_mode"] = "k",
        ["resample_per_op"] = "resample_subset_per_op",
    };

    /// <summary>Keys the grid may not vary, with the option to use instead.</summary>
    private static readonly Dictionary<string, string> Reserved = new(StringComparer.Ordinal)
    {
        ["seed"] = "--seeds",
        ["table"] = "--table",
    };

    private SweepGrid(IReadOnlyList<SweepAxis> axes)
    {
        Axes = axes;
        IEnumerable<int[]> combinations = [[]];
        foreach (var axis in axes)
            combinations = combinations.SelectMany(c => Enumerable.Range(0, axis.Values.Count)
                .Select(i => (int[])[.. c, i])).ToList();
        _combinations = combinations.Select(c =>
            (string.Join('+', axes.Select((a, k) => $"{a.Key}={a.FolderNames[c[k]]}")), c)).ToList();
    }

    /// <summary>Each variant's name and the index of its value on each axis, in variant order.</summary>
    private readonly List<(string Name, int[] Indices)> _combinations;

    /// <summary>The keys and their values, in the order given.</summary>
    public IReadOnlyList<SweepAxis> Axes { get; }

    /// <summary>The <c>--grid</c> arguments in their canonical spelling (snake_case keys), as <c>experiment.json</c>
    /// records them.</summary>
    public IReadOnlyList<string> Arguments => Axes.Select(a => a.Argument).ToList();

    /// <summary>
    /// Reads <c>--grid</c> arguments, each <c>KEY=V1,V2,…</c>; KEY is a config.json key or its option spelling
    /// (<c>weight-lr</c>, <c>k-mode</c>).
    /// </summary>
    /// <exception cref="UserInputException">
    /// No argument, no <c>=</c>, an unknown or repeated key, <c>seed</c> or <c>table</c>, an empty or repeated value,
    /// or a value the key's type does not take; the one-line message names the <c>--grid</c> argument.
    /// </exception>
    public static SweepGrid Parse(IReadOnlyList<string> arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        if (arguments.Count == 0)
            throw new UserInputException("--grid: give at least one KEY=V1,V2,… (a config.json key and its values)");
        var axes = new List<SweepAxis>();
        foreach (var argument in arguments)
        {
            var axis = ParseAxis(argument);
            if (axes.FirstOrDefault(a => a.Key == axis.Key) is { } earlier)
                throw new UserInputException($"--grid {argument}: key '{axis.Key}' is already swept by --grid " +
                    $"{earlier.Argument}; give each key once");
            axes.Add(axis);
        }
        if (axes.Aggregate(1L, (n, a) => Math.Min(n * a.Values.Count, MaxVariants + 1)) > MaxVariants)
            throw new UserInputException($"--grid: {string.Join(" × ", axes.Select(a => a.Values.Count))} " +
                $"combinations are more than {MaxVariants:N0} variants; sweep fewer values");
        var grid = new SweepGrid(axes);
        if (grid.Variants().Select(v => v.Name).FirstOrDefault(n => n.Length > MaxVariantNameLength) is { } tooLong)
            throw new UserInputException($"--grid: the run folder name '{tooLong[..40]}…' is longer than " +
                $"{MaxVariantNameLength} characters; sweep fewer keys or shorter values");
        return grid;
    }

    /// <summary>The variants: one per combination of values, named <c>key=value+key=value</c> (folder-safe), labelled
    /// <c>key=value, key=value</c>.</summary>
    public IReadOnlyList<ExperimentVariant> Variants()
        => _combinations.Select(c => Variant(c.Name, c.Indices)).ToList();

    /// <summary>The values, as typed, that variant <paramref name="variantName"/> gives each key of
    /// <see cref="Axes"/>.</summary>
    /// <exception cref="InvalidOperationException">No variant of this grid has that name.</exception>
    public IReadOnlyList<string> ValuesOf(string variantName)
    {
        var indices = _combinations.Single(c => c.Name == variantName).Indices;
        return Axes.Select((a, k) => a.Values[indices[k]]).ToList();
    }

    /// <summary>The sweep as an experiment: its variants, an accuracy table over them, and a title and purpose that
    /// name the grid.</summary>
    public ExperimentDefinition Definition()
    {
        var variants = Variants();
        var over = string.Join(" × ", Axes.Select(a => a.Key));
        var values = string.Join(" × ", Axes.Select(a => $"{a.Key} ∈ {{{string.Join(", ", a.Values)}}}"));
        return new ExperimentDefinition(ExperimentName, $"Sweep over {over}",
            $"A grid of settings, {values}: {variants.Count} variant{(variants.Count == 1 ? "" : "s")}, every " +
            "combination searched once per seed with the base settings below and the grid's values over them " +
            $"(`vpdarts experiment sweep {string.Join(' ', Arguments.Select(a => "--grid " + a))}`).",
            ExperimentKind.AccuracyTable, variants, this);
    }

    private ExperimentVariant Variant(string name, int[] combination)
    {
        var label = string.Join(", ", Axes.Select((a, k) => $"{a.Key}={a.Values[combination[k]]}"));
        return new ExperimentVariant(name, label,
            c => Overlay(c, Axes.Select((a, k) => (a.Key, a.Json[combination[k]])), "--grid " + label));
    }

    /// <summary><paramref name="config"/> with <paramref name="values"/> laid over it, parsed as a settings
    /// file.</summary>
    private static SearchConfig Overlay(SearchConfig config,
        IEnumerable<(string Key, JsonNode? Value)> values, string source)
    {
        var merged = JsonSerializer.SerializeToNode(config, RunDirectory.Json)!.AsObject();
        foreach (var (key, value) in values) merged[key] = value?.DeepClone();
        return SettingsFile<SearchConfig>.Parse(merged.ToJsonString(), source);
    }

    private static SweepAxis ParseAxis(string argument)
    {
        var equals = argument.IndexOf('=', StringComparison.Ordinal);
        if (equals <= 0)
            throw new UserInputException(
                $"--grid {argument}: expected KEY=V1,V2,… (a config.json key, '=', then values separated by commas)");
        var key = argument[..equals].Trim().Replace('-', '_');
        key = OptionAliases.GetValueOrDefault(key, key);
        if (Reserved.TryGetValue(key, out var option))
            throw new UserInputException(
                $"--grid {argument}: '{key}' is set for every search by {option}, not by the grid");
        if (!KeyTypes.Value.TryGetValue(key, out var type))
            throw new UserInputException($"--grid {argument}: unknown key '{argument[..equals].Trim()}' (config.json " +
                $"keys: {string.Join(", ", KeyTypes.Value.Keys.Where(k => !Reserved.ContainsKey(k)))})");
        var texts = argument[(equals + 1)..].Split(',').Select(v => v.Trim()).ToList();
        if (texts.All(t => t.Length == 0)) throw new UserInputException($"--grid {argument}: no values after '='");
        if (texts.Any(t => t.Length == 0))
            throw new UserInputException($"--grid {argument}: an empty value (two commas, or one at either end)");

        var json = new List<JsonNode?>();
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var text in texts)
        {
            var value = ToJson(text, type);
            // Parsed as a settings file would parse it, so the type and enum names are checked exactly as for --config.
            var parsed = Overlay(new SearchConfig(), [(key, value)], $"--grid {argument}");
            var canonical = JsonSerializer.SerializeToElement(parsed, RunDirectory.Json).GetProperty(key).GetRawText();
            if (seen.TryGetValue(canonical, out var same))
                throw new UserInputException($"--grid {argument}: '{text}' repeats '{same}'");
            seen[canonical] = text;
            json.Add(value);
        }
        return new SweepAxis(key, texts, json, FolderNames(texts));
    }

    /// <summary>
    /// A value as the JSON a settings file would hold: text for text and enum settings, else the JSON literal typed
    /// (<c>0.01</c>, <c>true</c>, <c>null</c>); anything else stays text, which the settings parser then rejects for
    /// the key's type.
    /// </summary>
    private static JsonNode? ToJson(string text, Type type)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        if (underlying == typeof(string) || underlying.IsEnum) return JsonValue.Create(text);
        try { return JsonNode.Parse(text); }
        catch (JsonException) { return JsonValue.Create(text); }
    }

    /// <summary>
    /// Values made folder-safe: letters, digits, <c>.</c>, <c>_</c> and <c>-</c> stay, anything else becomes <c>_</c>;
    /// values that end up alike get <c>~1</c>, <c>~2</c>, … by position so that every run folder stays distinct.
    /// </summary>
    private static List<string> FolderNames(IReadOnlyList<string> values)
    {
        var safe = values.Select(v => new string(v.Select(ch =>
            char.IsAsciiLetterOrDigit(ch) || ch is '.' or '_' or '-' ? ch : '_').ToArray())).ToList();
        var clashing = safe.GroupBy(s => s, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1)
            .Select(g => g.Key).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return safe.Select((s, i) => clashing.Contains(s) ? $"{s}~{i + 1}" : s).ToList();
    }

    /// <summary>config.json key → .NET type of the setting.</summary>
    private static readonly Lazy<Dictionary<string, Type>> KeyTypes = new(() =>
        RunDirectory.Json.GetTypeInfo(typeof(SearchConfig))
            .Properties.ToDictionary(p => p.Name, p => p.PropertyType, StringComparer.Ordinal));
}
