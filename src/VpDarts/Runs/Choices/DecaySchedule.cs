namespace VpDarts.Runs;

/// <summary>How the factor of adjustable K falls from 1 to 0; the JSON and command-line names are kebab-case.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<DecaySchedule>))]
public enum DecaySchedule
{
    /// <summary>Linearly, as in the paper.</summary>
    [JsonStringEnumMemberName("linear")] Linear,
    /// <summary>Exponentially at rate <see cref="SearchConfig.DecayRate"/>, SofteR pruning's other schedule.</summary>
    [JsonStringEnumMemberName("exponential")] Exponential,
}
