using VpDarts.Runs;
using VpDarts.Strategies;

namespace VpDarts.Methods;

/// <summary>
/// DrNAS as its authors run it on NAS-Bench-201 (xiangning-chen/DrNAS 201-space/train_search.py): edge weights
/// sampled from a Dirichlet over the ops, its concentration learned by the pathwise gradient and regularised (l2:
/// Adam's weight decay of the scale; kl: a KL term), plain momentum with weight decay 3e-4, α first in a step.
/// </summary>
public sealed class DrNasMethod() : MethodModule(
    "drnas",
    "edge weights sampled from a Dirichlet over the ops, its concentration learned by the pathwise gradient",
    60)
{
    /// <inheritdoc />
    public override bool ClipIncludesAlpha => true;

    /// <inheritdoc />
    public override IReadOnlyList<string> Options =>
        [nameof(SearchConfig.DirichletRegularizer), nameof(SearchConfig.DirichletRegScale)];

    /// <summary>The L2 regulariser is Adam's weight decay of its scale; the KL regulariser replaces the decay (DrNAS's
    /// architect.py).</summary>
    public override double ArchWeightDecay(SearchConfig config) =>
        config.DirichletRegularizer == DirichletRegularizer.L2 ? config.DirichletRegScale : 0.0;

    /// <inheritdoc />
    public override string? Ignores(string setting) => setting == nameof(SearchConfig.ArchWeightDecay)
        ? $"not used with --method {Name} (its --dirichlet-regularizer takes the place of α's weight decay)"
        : null;

    /// <summary>The regulariser's scale, a decay like any other.</summary>
    public override void CheckOptions(SearchConfig config)
    {
        if (!Limits.IsDecay(config.DirichletRegScale))
            throw new UserInputException(
                $"--dirichlet-reg-scale: must be in [0, {Limits.MaxDecay}], got {config.DirichletRegScale}");
    }

    /// <inheritdoc />
    public override ISearchStrategy NewStrategy(SearchConfig config) => new DrNasStrategy(config);

    /// <inheritdoc />
    public override PublishedResult Published
        => new(Name, "DrNAS", "94.36 ± 0.00", "its paper (Chen et al., ICLR 2021)");
}
