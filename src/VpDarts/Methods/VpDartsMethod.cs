using VpDarts.Runs;
using VpDarts.Strategies;

namespace VpDarts.Methods;

/// <summary>
/// VP-DARTS (Feng &amp; Wang, ICAART 2024): raw α, warm-up, then in every pruning epoch an ablation keeps the most
/// important op of each edge and soft-prunes the other four (fixed K zeroes their α, adjustable K decays it); the
/// same ablation on the whole search-valid split picks the cell. The paper gives no weight decay; 3e-4 is DARTS's
/// CIFAR value.
/// </summary>
public sealed class VpDartsMethod() : PruningMethod(
    "vp-darts",
    "soft pruning of unimportant α in every pruning epoch",
    0)
{
    /// <inheritdoc />
    public override IReadOnlyList<string> Options =>
    [
        .. base.Options, .. SubsetOptions, nameof(SearchConfig.K), nameof(SearchConfig.Decay),
        nameof(SearchConfig.DecayRate), nameof(SearchConfig.FinalChoice),
    ];

    /// <inheritdoc />
    public override string? UnusedBecause(string option, SearchConfig config) =>
        option is nameof(SearchConfig.Decay) or nameof(SearchConfig.DecayRate) && config.K != KMode.Adjustable
            ? $"--method {Name} and --k {OptionNames.Name(KMode.Adjustable)}"
            : base.UnusedBecause(option, config);

    /// <summary>The importance criteria's options, and the rate of the exponential decay.</summary>
    public override void CheckOptions(SearchConfig config)
    {
        base.CheckOptions(config);
        Require(config.DecayRate is > 0 and <= 1000, $"decay_rate: must be in (0, 1000], got {config.DecayRate}");
    }

    /// <inheritdoc />
    public override ISearchStrategy NewStrategy(SearchConfig config) => new SoftPruningStrategy(config);

    /// <inheritdoc />
    public override PublishedResult Published =>
        new("vp-adjustable", "VP-DARTS (adjustable K)", "94.36 ± 0.00", "its paper's Table 1");

    /// <inheritdoc />
    public override SearchConfig Configure(SearchConfig config) =>
        config with { Method = this, K = KMode.Adjustable, Importance = ImportanceCriterion.ValidAccuracy };
}
