using VpDarts.Runs;

namespace VpDarts.Experiments;

/// <summary>One search of an experiment: a variant's settings with one seed.</summary>
/// <param name="Index">Position in the plan (the array index of cluster jobs), from 0.</param>
/// <param name="Variant">The variant searched.</param>
/// <param name="Seed">The seed.</param>
/// <param name="Config">The complete settings of the search.</param>
public sealed record SearchSpec(int Index, ExperimentVariant Variant, int Seed, SearchConfig Config)
{
    /// <summary>Run folder name: <c>&lt;variant&gt;-s&lt;seed&gt;</c>.</summary>
    public string Name => $"{Variant.Name}-s{Seed}";
}
