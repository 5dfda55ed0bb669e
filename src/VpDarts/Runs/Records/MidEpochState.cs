namespace VpDarts.Runs;

/// <summary>Where a search stood when a checkpoint was written inside an epoch, so the epoch resumes exactly.</summary>
public sealed record MidEpochState
{
    /// <summary>Steps of the epoch already taken.</summary>
    public required int Step { get; init; }
    /// <summary>The epoch's start decision, which a resumed epoch does not make again.</summary>
    public required EpochDecisionRecord Decision { get; init; }
    /// <summary>The sums of the steps taken.</summary>
    public required EpochSums Sums { get; init; }
    /// <summary>The state of torch's CPU generator, base64 (<see cref="RandomState"/>).</summary>
    public required string Rng { get; init; }
}
