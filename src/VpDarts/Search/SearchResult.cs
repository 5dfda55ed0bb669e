using VpDarts.Runs;
using VpDarts.SearchSpace;

namespace VpDarts.Search;

/// <summary>The outcome of a search.</summary>
public sealed record SearchResult(Genotype Arch, Nb201Record? Nb201, double SearchSeconds, string RunDirectory);
