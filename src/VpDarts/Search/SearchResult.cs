using System.Text.Json.Nodes;
using VpDarts.SearchSpace;

namespace VpDarts.Search;

/// <summary>The outcome of a search.</summary>
public sealed record SearchResult(Genotype Arch, JsonObject? Nb201, double SearchSeconds, string RunDirectory);
