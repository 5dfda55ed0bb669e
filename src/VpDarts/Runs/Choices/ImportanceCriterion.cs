using System.ComponentModel;

namespace VpDarts.Runs;

/// <summary>How a search judges the importance of an operation; the JSON and command-line names are
/// kebab-case.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ImportanceCriterion>))]
public enum ImportanceCriterion
{
    /// <summary>Validation accuracy with the operation removed, every op on the whole subset (exact
    /// ablation).</summary>
    [JsonStringEnumMemberName("valid-accuracy"), Description("exact ablation")] ValidAccuracy,
    /// <summary>The validation-accuracy ablation as a race: an op leaves once it is significantly less important than
    /// its edge's leader.</summary>
    [JsonStringEnumMemberName("valid-accuracy-racing")] ValidAccuracyRacing,
    /// <summary>A first-order (Taylor) screen of every op, then exact ablation of each edge's short list.</summary>
    [JsonStringEnumMemberName("valid-accuracy-screening")] ValidAccuracyScreening,
    /// <summary>Validation loss with the operation removed.</summary>
    [JsonStringEnumMemberName("valid-loss")] ValidLoss,
    /// <summary>Magnitude of the operation's architecture weight α.</summary>
    [JsonStringEnumMemberName("alpha")] Alpha,
}
