using VpDarts.Runs;
using VpDarts.Strategies;

namespace VpDarts.Methods;

/// <summary>Progressive hard pruning (P-DARTS, the paper's Table 2): stages of 5, 3 and 2 operations per
/// edge.</summary>
public sealed class ProgressivePruneMethod() : PruningMethod(
    "progressive-prune",
    "hard pruning in three stages of 5, 3 and 2 operations per edge (P-DARTS)",
    30)
{
    /// <inheritdoc />
    public override IReadOnlyList<string> Options => [.. base.Options, .. SubsetOptions];

    /// <inheritdoc />
    public override void Validate(SearchConfig config)
    {
        if (config.PruningEpochs < 3)
            throw new UserInputException(
                $"--epochs: {Name} needs at least 3 epochs after warm-up, got {config.PruningEpochs}");
    }

    /// <inheritdoc />
    public override ISearchStrategy NewStrategy(SearchConfig config) => new ProgressivePruningStrategy(config);
}
