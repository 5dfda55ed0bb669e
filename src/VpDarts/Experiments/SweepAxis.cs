using System.Text.Json.Nodes;

namespace VpDarts.Experiments;

/// <summary>One <c>--grid KEY=V1,V2,…</c> argument of a sweep: a config.json key and the values it takes.</summary>
/// <param name="Key">The config.json key (snake_case).</param>
/// <param name="Values">The values as typed, in order.</param>
/// <param name="Json">Each value as the JSON a settings file would hold for the key.</param>
/// <param name="FolderNames">Each value as it appears in run folder names: folder-safe, distinct within the
/// axis.</param>
public sealed record SweepAxis(string Key, IReadOnlyList<string> Values, IReadOnlyList<JsonNode?> Json,
    IReadOnlyList<string> FolderNames)
{
    /// <summary>The argument in its canonical spelling, <c>key=v1,v2</c>, as <c>experiment.json</c> records
    /// it.</summary>
    public string Argument => $"{Key}={string.Join(',', Values)}";
}
