using System.ComponentModel;

namespace VpDarts.Runs;

/// <summary>How the pruning methods choose between ops whose importance scores tie; the JSON and command-line names are
/// kebab-case.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<TieRule>))]
public enum TieRule
{
    /// <summary>The op with the larger |α|, then the lower index (the edge's current preference decides).</summary>
    [JsonStringEnumMemberName("larger-alpha"), Description("larger |α|, then lower index")] LargerAlpha,
    /// <summary>
    /// As the authors' code: in a pruning epoch <c>np.argmax</c> prunes the lowest-index maximum four times, so the
    /// highest index among tied ops is kept; at the end <c>np.argmin</c> keeps the lowest index.
    /// </summary>
    [JsonStringEnumMemberName("code"),
        Description("the authors' code: highest index in the epochs, lowest at the end")] Code,
}
