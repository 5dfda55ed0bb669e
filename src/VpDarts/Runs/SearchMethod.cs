namespace VpDarts.Runs;

/// <summary>How a search treats operations it finds unimportant; the JSON and command-line names are kebab-case.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SearchMethod>))]
public enum SearchMethod
{
    /// <summary>VP-DARTS: soft pruning of unimportant α in every pruning epoch.</summary>
    [JsonStringEnumMemberName("vp-darts")] VpDarts,
    /// <summary>First-order DARTS as NB201 runs it (DARTS-V1): softmax(α) trained by gradient, no warm-up, no pruning.</summary>
    [JsonStringEnumMemberName("darts")] Darts,
    /// <summary>All unimportant operations removed at once, at the end.</summary>
    [JsonStringEnumMemberName("hard-prune")] HardPrune,
    /// <summary>Hard pruning in three stages of 5, 3 and 2 operations per edge (P-DARTS).</summary>
    [JsonStringEnumMemberName("progressive-prune")] ProgressivePrune,
    /// <summary>Second-order DARTS as NB201 runs it (DARTS-V2): α's gradient through one unrolled weight step.</summary>
    [JsonStringEnumMemberName("darts-v2")] DartsV2,
    /// <summary>GDAS: one op per edge sampled by a hard Gumbel-softmax with a straight-through gradient, temperature annealed.</summary>
    [JsonStringEnumMemberName("gdas")] Gdas,
    /// <summary>DrNAS: edge weights sampled from a Dirichlet over the ops, its concentration learned by the pathwise gradient.</summary>
    [JsonStringEnumMemberName("drnas")] DrNas,
}
