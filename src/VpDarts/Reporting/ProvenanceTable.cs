using System.Text.Json.Nodes;
using VpDarts.Runs;

namespace VpDarts.Reporting;

/// <summary>The provenance a run's <c>config.json</c> records (<see cref="RunProvenance"/>), as rows of a report
/// table.</summary>
internal static class ProvenanceTable
{
    /// <summary>Key and text of each provenance entry of <paramref name="config"/>; none for a file written before
    /// provenance was recorded.</summary>
    public static IReadOnlyList<(string Key, string Value)> Rows(JsonObject? config) =>
        config?[RunProvenance.Key] is JsonObject provenance
            ? provenance.Select(kv => (kv.Key, kv.Value switch
            {
                null => "null",
                JsonArray words => string.Join(" ", words.Select(w => w?.ToString() ?? "")),
                var value => value.ToString(),
            })).ToList()
            : [];

    /// <summary>Writes a "Provenance" table of <paramref name="config"/> through <paramref name="line"/>; nothing when
    /// it has none.</summary>
    public static void Write(JsonObject? config, Action<string> line, Func<string, string> cell)
    {
        var rows = Rows(config);
        if (rows.Count == 0) return;
        line("<details><summary>Provenance</summary>");
        line("");
        line("| key | value |");
        line("|---|---|");
        foreach (var (key, value) in rows) line($"| {MarkdownText.Code(key, inTable: true)} | {cell(value)} |");
        line("");
        line("</details>");
        line("");
    }
}
