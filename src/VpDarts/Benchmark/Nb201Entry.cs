using VpDarts.SearchSpace;

namespace VpDarts.Benchmark;

/// <summary>One row of the accuracy table: a cell and its scores.</summary>
/// <param name="Genotype">The cell.</param>
/// <param name="Scores">Its test accuracies.</param>
public sealed record Nb201Entry(Genotype Genotype, Nb201Scores Scores);
