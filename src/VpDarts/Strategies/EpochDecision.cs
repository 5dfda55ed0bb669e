using VpDarts.Importance;
using VpDarts.SearchSpace;

namespace VpDarts.Strategies;

/// <summary>What a strategy did at the start of an epoch, for the metrics log.</summary>
public sealed record EpochDecision(
    ImportanceResult? Importance,
    Genotype? Kept,
    IReadOnlyList<(int Edge, int Op)> Pruned,
    double? DecayFactor,
    double Seconds);
