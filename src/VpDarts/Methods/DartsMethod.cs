using VpDarts.Runs;
using VpDarts.Strategies;

namespace VpDarts.Methods;

/// <summary>
/// First-order DARTS as NAS-Bench-201 runs it (DARTS-V1: AutoDL-Projects' DARTS.config and DARTS-V1.sh): softmax(α)
/// trained by gradient from the first epoch, the weights updated first in a step, the argmax of α as the cell.
/// </summary>
public sealed class DartsMethod() : Nb201Baseline(
    "darts",
    "first-order DARTS as NB201 runs it (DARTS-V1): softmax(α) trained by gradient, no warm-up, no pruning",
    10)
{
    /// <inheritdoc />
    public override StepOrder StepOrder => StepOrder.WeightsFirst;

    /// <inheritdoc />
    public override ISearchStrategy NewStrategy(SearchConfig config) => new DartsStrategy();

    /// <inheritdoc />
    public override PublishedResult Published => new(Name, "DARTS-V1 (1st order)", "54.30 ± 0.00", Nb201Paper);
}
