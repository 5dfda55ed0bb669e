using VpDarts.Importance;
using VpDarts.SearchSpace;

namespace VpDarts.Strategies;

/// <summary>The final cell and the evidence for it.</summary>
public sealed record FinalSelection(Genotype Arch, ImportanceResult? Importance, double Seconds)
{
    /// <summary>The cell each final-choice rule picks from the same evidence (VP-DARTS), keyed by rule name; null when
    /// there is one rule.</summary>
    public IReadOnlyDictionary<string, string>? ArchByRule { get; init; }
}
