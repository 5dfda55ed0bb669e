using System.Text.Json.Nodes;

namespace VpDarts.Tests.Support;

/// <summary>
/// What must be identical between two runs of the same settings: every metrics line without its timings, and the
/// SHA-256 of each file of the last checkpoint (weights, α, optimizer states), so equality means bit-identical numbers.
/// </summary>
internal static class RunFingerprint
{
    private static readonly string[] Timings = ["seconds", "images_per_s"];

    public static string Of(string runFolder)
    {
        var lines = File.ReadLines(Path.Combine(runFolder, "metrics.jsonl")).Select(line =>
        {
            var metrics = JsonNode.Parse(line)!.AsObject();
            foreach (var key in Timings) metrics.Remove(key);
            return metrics.ToJsonString();
        });
        var last = Directory.GetDirectories(Path.Combine(runFolder, "checkpoints"), "epoch-*").Max(StringComparer.Ordinal)!;
        var files = JsonNode.Parse(File.ReadAllText(Path.Combine(last, "state.json")))!["files"]!.AsObject()
            .Select(f => $"{f.Key} {f.Value!["sha256"]}");
        return string.Join("\n", lines.Concat(files));
    }
}
