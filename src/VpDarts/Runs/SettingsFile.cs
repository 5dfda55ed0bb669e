using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace VpDarts.Runs;

/// <summary>
/// Strict JSON settings files of a run's config type <typeparamref name="T"/> (the snake_case keys of
/// <c>config.json</c>): unknown or repeated keys, wrong types and non-finite numbers are one-line errors naming the
/// file and key. A file is read once, so <c>--config &lt;(…)</c> (a pipe) works.
/// </summary>
internal static class SettingsFile<T> where T : class
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

    /// <summary>Parses <paramref name="path"/>; <paramref name="option"/> names where the path came from in a not-found message.</summary>
    public static T Load(string path, string option) => Parse(Read(path, option), path);

    /// <summary>Parses settings JSON held in memory; errors name <paramref name="source"/> and the key.</summary>
    public static T Parse(string json, string source)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(json, Strict)
                   ?? throw new UserInputException($"{source}: holds null instead of a settings object");
        }
        catch (JsonException e)
        {
            throw new UserInputException($"{source}{Where(e)}: {What(e)}", e);
        }
    }

    /// <summary><paramref name="baseConfig"/> with the keys present in the file replaced, so a file may hold only what it changes.</summary>
    public static T Overlay(T baseConfig, string path, string option)
    {
        var text = Read(path, option);
        Parse(text, path);  // rejects unknown keys, repeated keys and wrong types with the file's own name
        var merged = JsonSerializer.SerializeToNode(baseConfig, RunDirectory.Json)!.AsObject();
        foreach (var (key, value) in JsonNode.Parse(text, documentOptions: Document)!.AsObject())
            merged[key] = value?.DeepClone();
        return Parse(merged.ToJsonString(), path);
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

    /// <summary>The config as key → raw JSON value, for comparisons.</summary>
    public static Dictionary<string, string> Flatten(T config) =>
        JsonSerializer.SerializeToElement(config, RunDirectory.Json).EnumerateObject()
            .ToDictionary(p => p.Name, p => p.Value.GetRawText());

    private static string Read(string path, string option)
    {
        if (Directory.Exists(path)) throw new UserInputException($"{option} {path}: a folder, not a settings file");
        if (!File.Exists(path)) throw new UserInputException($"{option} {path}: file not found");
        try { return File.ReadAllText(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UserInputException($"{option} {path}: cannot read ({e.Message.Split('\n')[0].Trim()})", e);
        }
    }

    private static string Where(JsonException e) => e.Path is { Length: > 0 } p ? $" at {p}" : "";

    private static string What(JsonException e) => e.Message.Split('\n')[0].Split(" Path:")[0].Trim();
}
