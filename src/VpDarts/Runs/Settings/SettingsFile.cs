using System.Text.Json.Nodes;

namespace VpDarts.Runs;

/// <summary>
/// Strict JSON settings files of a run's config type <typeparamref name="T"/> (the snake_case keys of
/// <c>config.json</c>): unknown or repeated keys, wrong types and non-finite numbers are one-line errors naming the
/// file and key in the words of the file (<c>config.json: key 'epochs' expects a whole number, got "ten"</c>), and so
/// is a value of an enum setting that is not one of its names, in any case (<see cref="OptionNames"/>).
/// A file is read once, so <c>--config &lt;(…)</c> (a pipe) works. The <see cref="RunProvenance"/> object a run's
/// <c>config.json</c> holds is no setting and is skipped, so a run's file serves as <c>--config</c> and for a resume.
/// </summary>
/// <typeparam name="T">The config type: <see cref="SearchConfig"/> or <see cref="TrainConfig"/>.</typeparam>
public static class SettingsFile<T> where T : class
{
    private static readonly JsonSerializerOptions Strict = new(RunDirectory.Json)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        NumberHandling = JsonNumberHandling.Strict,  // "NaN", "Infinity" and quoted numbers are not settings
        AllowDuplicateProperties = false,
        AllowTrailingCommas = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
    };

    private static readonly JsonDocumentOptions Document = new()
    {
        AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip, AllowDuplicateProperties = false,
    };

    /// <summary>Parses <paramref name="path"/>; <paramref name="option"/> names where the path came from in a not-found
    /// message.</summary>
    public static T Load(string path, string option = "--config") => Parse(Read(path, option), path);

    /// <summary>Parses settings JSON held in memory; errors name <paramref name="source"/> and the key in user
    /// terms.</summary>
    public static T Parse(string json, string source)
    {
        if (SyntaxError(json, source) is { } syntax) throw new UserInputException(syntax);
        json = WithoutProvenance(json);
        json = WithCanonicalNames(json);
        T? settings;
        try
        {
            settings = JsonSerializer.Deserialize<T>(json, Strict);
        }
        catch (JsonException e)
        {
            throw new UserInputException(UnknownName(json, source, e.Path) ?? Describe(json, source, e), e);
        }
        // The enum converter also takes numbers and comma lists ("darts, vp-darts"); a settings file holds one name.
        if (UnknownName(json, source, null) is { } unknown) throw new UserInputException(unknown);
        return settings ?? throw new UserInputException($"{source}: holds null instead of a settings object");
    }

    /// <summary>
    /// <paramref name="baseConfig"/> with the keys present in the file replaced, so a file may hold only what it
    /// changes;
    /// <paramref name="option"/> names where the path came from in a not-found message.
    /// </summary>
    public static T Overlay(T baseConfig, string path, string option = "--config")
    {
        var text = Read(path, option);
        Parse(text, path);  // rejects unknown keys, repeated keys and wrong types with the file's own name
        var merged = JsonSerializer.SerializeToNode(baseConfig, RunDirectory.Json)!.AsObject();
        foreach (var (key, value) in JsonNode.Parse(text, documentOptions: Document)!.AsObject())
            merged[key] = value?.DeepClone();
        return Parse(merged.ToJsonString(), path);
    }

    /// <summary>
    /// The provenance a run's <c>config.json</c> records (<see cref="RunProvenance.Key"/>), or null where the file has
    /// none (written before provenance was recorded, or a settings file a person wrote).
    /// </summary>
    public static RunProvenance? Provenance(string path)
    {
        var node = RunJson.ParseObject(Read(path, "--config"), path)[RunProvenance.Key];
        return node is null
            ? null : RunJson.Parse<RunProvenance>(node.ToJsonString(), $"{path} at $.{RunProvenance.Key}");
    }

    /// <summary><paramref name="json"/> without a top-level <see cref="RunProvenance.Key"/>; text that is not a JSON
    /// object is returned as is.</summary>
    private static string WithoutProvenance(string json)
    {
        JsonNode? node;
        try { node = JsonNode.Parse(json, documentOptions: Document); }
        catch (JsonException) { return json; }
        if (node is not JsonObject settings || !settings.ContainsKey(RunProvenance.Key)) return json;
        settings.Remove(RunProvenance.Key);
        return settings.ToJsonString();
    }

    /// <summary>Keys whose values differ between two configs, formatted <c>key: a → b</c>.</summary>
    public static IReadOnlyList<string> Differences(T stored, T requested)
    {
        var a = Flatten(stored);
        var b = Flatten(requested);
        return a.Keys.Union(b.Keys).Order(StringComparer.Ordinal)
            .Where(k => a.GetValueOrDefault(k) != b.GetValueOrDefault(k))
            .Select(k => $"{k}: {a.GetValueOrDefault(k) ?? "(absent)"} → {b.GetValueOrDefault(k) ?? "(absent)"}")
            .ToList();
    }

    private static Dictionary<string, string> Flatten(T config) =>
        JsonSerializer.SerializeToElement(config, RunDirectory.Json).EnumerateObject()
            .ToDictionary(p => p.Name, p => p.Value.GetRawText());

    private static string Read(string path, string option)
    {
        if (Directory.Exists(path)) throw new UserInputException($"{option} {path}: a folder, not a settings file");
        if (!File.Exists(path)) throw new UserInputException($"{option} {path}: file not found");
        try { return File.ReadAllText(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UserInputException($"{option} {path}: cannot read ({OneLine.Of(e)})", e);
        }
    }

    /// <summary>
    /// The error for the first enum or method setting, in file order, whose value is not exactly one of its names (only
    /// the setting at <paramref name="path"/> unless that is null); null when there is none or the text is not a JSON
    /// object.
    /// </summary>
    private static string? UnknownName(string json, string source, string? path)
    {
        JsonDocument document;
        try { document = JsonDocument.Parse(json, Document); }
        catch (JsonException) { return null; }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object) return null;
            foreach (var setting in document.RootElement.EnumerateObject())
            {
                if (path is not null && path != $"$.{setting.Name}") continue;
                if (SettingTypes.Value.GetValueOrDefault(setting.Name) == typeof(SearchMethod))
                {
                    if (setting.Value.ValueKind == JsonValueKind.String
                        && SearchMethod.Find(setting.Value.GetString()) is not null)
                        continue;
                    var given = setting.Value.ValueKind == JsonValueKind.String
                        ? setting.Value.GetString()! : setting.Value.GetRawText();
                    return $"{source}: key '{setting.Name}': {SearchMethod.Unknown(given)}";
                }
                if (!EnumSettings.Value.TryGetValue(setting.Name, out var enumSetting)) continue;
                var (type, nullable) = enumSetting;
                var value = setting.Value;
                if (value.ValueKind == JsonValueKind.String && OptionNames.Find(type, value.GetString()) is not null)
                    continue;
                if (value.ValueKind == JsonValueKind.Null && nullable) continue;  // an optional setting left unset
                var text = value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();
                return $"{source}: key '{setting.Name}': {OptionNames.Unknown(type, text)}";
            }
            return null;
        }
    }

    /// <summary>JSON key → enum type of the settings of <typeparamref name="T"/> that hold an enum, and whether null
    /// (unset) is allowed.</summary>
    private static readonly Lazy<Dictionary<string, (Type Type, bool Nullable)>> EnumSettings = new(() =>
        Strict.GetTypeInfo(typeof(T)).Properties
            .Where(p => (Nullable.GetUnderlyingType(p.PropertyType) ?? p.PropertyType).IsEnum)
            .ToDictionary(p => p.Name, p => (Nullable.GetUnderlyingType(p.PropertyType) ?? p.PropertyType,
                Nullable.GetUnderlyingType(p.PropertyType) is not null)));

    /// <summary>JSON key → type of every setting of <typeparamref name="T"/>.</summary>
    private static readonly Lazy<Dictionary<string, Type>> SettingTypes = new(() =>
        Strict.GetTypeInfo(typeof(T)).Properties.ToDictionary(p => p.Name, p => p.PropertyType));

    /// <summary>
    /// <paramref name="json"/> with each enum setting spelt as <c>config.json</c> writes it (<c>"DARTS"</c> →
    /// <c>"darts"</c>), as the command line reads names in any case; unchanged when it is not a plain object.
    /// </summary>
    private static string WithCanonicalNames(string json)
    {
        JsonObject? root;
        try { root = JsonNode.Parse(json, documentOptions: Document) as JsonObject; }
        // repeated keys: reported by the deserializer
        catch (Exception e) when (e is JsonException or ArgumentException) { return json; }
        if (root is null) return json;
        var changed = false;
        foreach (var (key, (type, _)) in EnumSettings.Value)
        {
            if (root[key] is JsonValue value && value.TryGetValue<string>(out var text)
                && OptionNames.Canonical(type, text) is { } name && name != text)
            {
                root[key] = name;
                changed = true;
            }
        }
        return changed ? root.ToJsonString() : json;
    }

    /// <summary>The error for text that is not JSON at all, with its line and column; null when it parses.</summary>
    private static string? SyntaxError(string json, string source)
    {
        try
        {
            using var _ = JsonDocument.Parse(json, Document with { AllowDuplicateProperties = true });
            return null;
        }
        catch (JsonException e)
        {
            var reason = e.Message.ReplaceLineEndings("\\n").Split(" LineNumber:")[0].Split(" Path:")[0].Trim();
            return $"{source}: not valid JSON at line {e.LineNumber + 1}, column {e.BytePositionInLine + 1}: {reason}";
        }
    }

    /// <summary>A deserialization error in the words of the file: the key, what it expects and what it holds.</summary>
    private static string Describe(string json, string source, JsonException e)
    {
        var key = e.Path is { Length: > 2 } path && path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : null;
        if (key is null)
            return $"{source}: expects a JSON object whose keys are those of a run's config.json, not {Kind(json)}";
        if (!SettingTypes.Value.TryGetValue(key, out var type))
        {
            var nearest = Spelling.Nearest(key, SettingTypes.Value.Keys);
            return $"{source}: unknown key {OneLine.Quote(key)}" +
                (nearest is null ? "" : $"; did you mean '{nearest}'?");
        }
        if (e.Message.StartsWith("Duplicate property", StringComparison.Ordinal))
            return $"{source}: key '{key}' is given twice";
        return $"{source}: key '{key}' expects {JsonWords.Expected(type)}, got {Held(json, key)}";
    }

    /// <summary>The value the file gives <paramref name="key"/>, as written (shortened past 40 characters).</summary>
    private static string Held(string json, string key)
    {
        using var document = JsonDocument.Parse(json, Document with { AllowDuplicateProperties = true });
        var text = document.RootElement.TryGetProperty(key, out var value) ? value.GetRawText() : "(nothing)";
        text = OneLine.Escape(text);
        return text.Length > 40 ? text[..40] + "…" : text;
    }

    private static string Kind(string json)
    {
        using var document = JsonDocument.Parse(json, Document with { AllowDuplicateProperties = true });
        return document.RootElement.ValueKind switch
        {
            JsonValueKind.Array => "a list",
            JsonValueKind.String => "a string",
            JsonValueKind.Number => "a number",
            JsonValueKind.True or JsonValueKind.False => "true or false",
            _ => "null",
        };
    }
}
