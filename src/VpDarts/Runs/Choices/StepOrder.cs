namespace VpDarts.Runs;

/// <summary>Which of a search step's two updates comes first; the JSON and command-line names are kebab-case.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<StepOrder>))]
public enum StepOrder
{
    /// <summary>The architecture step on a search-valid batch, then the weight step (DARTS paper, DARTS-V2, DrNAS,
    /// VP-DARTS).</summary>
    [JsonStringEnumMemberName("arch-first")] ArchFirst,
    /// <summary>The weight step, then the architecture step (NB201's DARTS-V1 and GDAS).</summary>
    [JsonStringEnumMemberName("weights-first")] WeightsFirst,
}
