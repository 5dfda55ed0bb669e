using VpDarts.Runs;

namespace VpDarts.Strategies;

/// <summary>Hard-pruning baseline: VP-DARTS training without soft pruning; one op per edge is chosen only at the
/// end.</summary>
public sealed class HardPruningStrategy(SearchConfig config) : PruningStrategy(config)
{
    /// <inheritdoc />
    public override EpochDecision? OnEpochStart(SearchContext context, int epoch) => null;
}
