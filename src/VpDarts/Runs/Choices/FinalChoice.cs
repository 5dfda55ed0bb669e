using System.ComponentModel;

namespace VpDarts.Runs;

/// <summary>How VP-DARTS picks the final op of each edge; the JSON and command-line names are kebab-case.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<FinalChoice>))]
public enum FinalChoice
{
    /// <summary>The paper's rule: one more ablation on the whole search-valid split after the last epoch
    /// decides.</summary>
    [JsonStringEnumMemberName("last-ablation"),
        Description("the paper's: one ablation after the last epoch")] LastAblation,
    /// <summary>
    /// The importance scores of every pruning epoch's ablation and of that final ablation, summed per (edge, op):
    /// one noisy measurement at the end cannot overturn what the epochs before agreed on.
    /// </summary>
    [JsonStringEnumMemberName("accumulated"),
        Description("that ablation's scores plus every pruning epoch's")] Accumulated,
}
