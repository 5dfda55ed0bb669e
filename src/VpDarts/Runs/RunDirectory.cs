using System.Text.Json;
using System.Text.Json.Nodes;

namespace VpDarts.Runs;

/// <summary>
/// A run's folder: <c>config.json</c>, <c>metrics.jsonl</c> (one JSON object per epoch), <c>result.json</c>,
/// <c>checkpoints/</c>. Every write is atomic.
/// </summary>
public sealed class RunDirectory
{
    /// <summary>JSON settings used for every file of a run.</summary>
    public static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,  // arch strings keep their '+'
    };

    private static readonly JsonSerializerOptions JsonLine = new(Json) { WriteIndented = false };

    /// <summary>Opens (creating if needed) the run folder at <paramref name="path"/>.</summary>
    public RunDirectory(string path)
    {
        Root = Path.GetFullPath(path);
        try { Directory.CreateDirectory(Root); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UserInputException($"--out {Root}: cannot create the run folder ({e.Message})", e);
        }
    }

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

    /// <summary>Reads the metrics lines written so far.</summary>
    public IReadOnlyList<JsonObject> ReadMetrics()
    {
        if (!File.Exists(MetricsPath)) return [];
        var lines = File.ReadAllLines(MetricsPath).Where(l => l.Length > 0).ToList();
        var result = new List<JsonObject>();
        for (var i = 0; i < lines.Count; i++)
        {
            try { result.Add(JsonNode.Parse(lines[i])!.AsObject()); }
            catch (JsonException e) { throw new UserInputException($"{MetricsPath}:{i + 1}: not a JSON object ({e.Message})", e); }
        }
        return result;
    }

    /// <summary>Rewrites the metrics file with <paramref name="lines"/> (atomic, so an interrupted append loses nothing).</summary>
    public void WriteMetrics(IEnumerable<JsonObject> lines) =>
        AtomicFile.WriteAllText(MetricsPath, string.Concat(lines.Select(l => l.ToJsonString(JsonLine) + "\n")));
}
