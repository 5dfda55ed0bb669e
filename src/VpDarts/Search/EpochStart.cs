using VpDarts.Runs;
using VpDarts.Strategies;

namespace VpDarts.Search;

/// <summary>
/// How an epoch's steps begin: the decision its start made, the sums of the steps done so far, the first step to
/// run, and whether that start came from a checkpoint rather than from this session.
/// </summary>
internal sealed record EpochStart(EpochDecisionRecord Decision, EpochAccumulator Sums, int FirstStep, bool Resumed)
{
    /// <summary>An epoch started in this session, after the strategy's epoch-start work (null: none).</summary>
    public static EpochStart Fresh(EpochDecision? decision) =>
        new(SearchMetrics.Decision(decision), new EpochAccumulator(), 0, false);

    /// <summary>An epoch that a checkpoint written inside it left off, from the step after the last one done.</summary>
    public static EpochStart FromCheckpoint(MidEpochState mid) =>
        new(mid.Decision, EpochAccumulator.FromSums(mid.Sums), mid.Step, true);
}
