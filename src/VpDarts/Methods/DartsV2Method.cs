using VpDarts.Runs;
using VpDarts.Strategies;

namespace VpDarts.Methods;

/// <summary>
/// Second-order DARTS as NAS-Bench-201 runs it (DARTS-V2): α's gradient through one unrolled weight step, so α is
/// updated before the weights it was measured at.
/// </summary>
public sealed class DartsV2Method() : Nb201Baseline(
    "darts-v2",
    "second-order DARTS as NB201 runs it (DARTS-V2): α's gradient through one unrolled weight step",
    40)
{
    /// <inheritdoc />
    public override ISearchStrategy NewStrategy(SearchConfig config) => new DartsV2Strategy();

    /// <inheritdoc />
    public override PublishedResult Published => new(Name, "DARTS-V2 (2nd order)", "54.30 ± 0.00", Nb201Paper);
}
