namespace VpDarts.Runs;

/// <summary>
/// The run's own state in a checkpoint (<c>state</c> of its manifest): the search strategy's state and, for a
/// checkpoint written inside an epoch, where the epoch stood. A training run keeps neither: an empty object.
/// </summary>
public sealed record CheckpointState
{
    /// <summary>The search strategy's state; null for a training run.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public StrategyState? Strategy { get; init; }

    /// <summary>Set when the checkpoint was written inside an epoch.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public MidEpochState? MidEpoch { get; init; }

    /// <summary>
    /// α's gradient as the last step left it, exactly (edges × ops), when the next weight step's clip counts it
    /// (<see cref="SearchConfig.ClipIncludesAlpha"/>): a resumed run then clips as an uninterrupted one. Null
    /// otherwise.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double[][]? AlphaGrad { get; init; }
}
