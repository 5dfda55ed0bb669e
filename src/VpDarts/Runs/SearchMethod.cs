namespace VpDarts.Runs;

/// <summary>How a search treats operations it finds unimportant; the JSON and command-line names are kebab-case.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SearchMethod>))]
public enum SearchMethod
{
    /// <summary>VP-DARTS: soft pruning of unimportant α in every pruning epoch.</summary>
    [JsonStringEnumMemberName("vp-darts")] VpDarts,
    /// <summary>First-order DARTS: α trained by gradient, no warm-up, no pruning.</summary>
    [JsonStringEnumMemberName("darts")] Darts,
    /// <summary>All unimportant operations removed at once, at the end.</summary>
    [JsonStringEnumMemberName("hard-prune")] HardPrune,
    /// <summary>Hard pruning in three stages of 5, 3 and 2 operations per edge (P-DARTS).</summary>
    [JsonStringEnumMemberName("progressive-prune")] ProgressivePrune,
}
