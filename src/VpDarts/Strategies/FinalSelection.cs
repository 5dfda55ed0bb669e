using VpDarts.Importance;
using VpDarts.SearchSpace;

namespace VpDarts.Strategies;

/// <summary>The final cell and the evidence for it.</summary>
public sealed record FinalSelection(Genotype Arch, ImportanceResult? Importance, double Seconds);
