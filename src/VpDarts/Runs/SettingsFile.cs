using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace VpDarts.Runs;

/// <summary>
/// Strict JSON settings files of a run's config type <typeparamref name="T"/> (the snake_case keys of
/// <c>config.json</c>): unknown keys and wrong types are one-line errors naming the file and key.
/// </summary>
internal static class SettingsFile<T> where T : class
{
    private static readonly JsonSerializerOptions Strict = new(RunDirectory.Json)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        AllowTrailingCommas = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
    };

    private static readonly JsonDocumentOptions Lenient = new() { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip };

    /// <summary>Parses <paramref name="path"/>; <paramref name="option"/> names where the path came from in a not-found message.</summary>
    public static T Load(string path, string option)
    {
        if (!File.Exists(path)) throw new UserInputException($"{option} {path}: file not found");
        try
        {
            return JsonSerializer.Deserialize<T>(File.ReadAllText(path), Strict)
                   ?? throw new UserInputException($"{path}: the file holds null instead of a settings object");
        }
        catch (JsonException e)
        {
            var where = e.Path is { Length: > 0 } p ? $" at {p}" : "";
            var what = e.Message.Split('\n')[0].Split(" Path:")[0].Trim();
            throw new UserInputException($"{path}{where}: {what}", e);
        }
    }

    /// <summary><paramref name="baseConfig"/> with the keys present in the file replaced, so a file may hold only what it changes.</summary>
    public static T Overlay(T baseConfig, string path, string option)
    {
        Load(path, option);  // rejects unknown keys and wrong types with the file's own name
        var merged = JsonSerializer.SerializeToNode(baseConfig, RunDirectory.Json)!.AsObject();
        foreach (var (key, value) in JsonNode.Parse(File.ReadAllText(path), documentOptions: Lenient)!.AsObject())
            merged[key] = value?.DeepClone();
        return merged.Deserialize<T>(Strict)!;
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
}
