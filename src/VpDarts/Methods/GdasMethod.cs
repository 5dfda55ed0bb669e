using VpDarts.Runs;
using VpDarts.Strategies;

namespace VpDarts.Methods;

/// <summary>
/// GDAS as NAS-Bench-201 runs it (GDAS.config, GDAS.sh): one op per edge sampled by a hard Gumbel-softmax with a
/// straight-through gradient, its temperature falling from <c>tau_max</c> to <c>tau_min</c>; weights first in a step.
/// </summary>
public sealed class GdasMethod() : Nb201Baseline(
    "gdas",
    "one op per edge sampled by a hard Gumbel-softmax with a straight-through gradient, temperature annealed",
    50)
{
    /// <inheritdoc />
    public override StepOrder StepOrder => StepOrder.WeightsFirst;

    /// <inheritdoc />
    public override IReadOnlyList<string> Options => [nameof(SearchConfig.TauMax), nameof(SearchConfig.TauMin)];

    /// <summary>The temperatures: 0 &lt; <c>tau_min</c> ≤ <c>tau_max</c>, finite.</summary>
    public override void CheckOptions(SearchConfig config)
    {
        var (max, min) = (config.TauMax, config.TauMin);
        if (!(max > 0 && min > 0 && min <= max && double.IsFinite(max)))
            throw new UserInputException(
                $"--tau-max / --tau-min: need 0 < tau-min <= tau-max, got {config.TauMax} / {config.TauMin}");
    }

    /// <inheritdoc />
    public override ISearchStrategy NewStrategy(SearchConfig config) => new GdasStrategy(config);

    /// <inheritdoc />
    public override PublishedResult Published => new(Name, "GDAS", "93.61 ± 0.09", Nb201Paper);
}
