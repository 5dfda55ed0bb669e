using System.ComponentModel;

namespace VpDarts.Runs;

/// <summary>VP-DARTS pruning strength K; the JSON and command-line names are kebab-case.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<KMode>))]
public enum KMode
{
    /// <summary>Pruned α are set to zero.</summary>
    [JsonStringEnumMemberName("fixed"), Description("zero pruned α")] Fixed,
    /// <summary>Pruned α are multiplied by a factor that decays from 1 to 0 over the pruning epochs.</summary>
    [JsonStringEnumMemberName("adjustable"), Description("decay them")] Adjustable,
}
