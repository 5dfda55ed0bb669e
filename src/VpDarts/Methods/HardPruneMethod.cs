using VpDarts.Runs;
using VpDarts.Strategies;

namespace VpDarts.Methods;

/// <summary>Hard pruning (the paper's Table 2): the supernet trains unpruned, and every unimportant op is removed at
/// once, at the end.</summary>
public sealed class HardPruneMethod() : PruningMethod(
    "hard-prune",
    "all unimportant operations removed at once, at the end",
    20)
{
    /// <inheritdoc />
    public override ISearchStrategy NewStrategy(SearchConfig config) => new HardPruningStrategy(config);
}
