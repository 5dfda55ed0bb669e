using VpDarts.Data;
using VpDarts.Models;
using VpDarts.Optimizers;

namespace VpDarts.Strategies;

/// <summary>
/// What one architecture step works with: the supernet, its search-valid batch, the search-train batch of the same
/// step (DARTS-V2's unrolled weight step uses it), and the weight optimiser whose next update DARTS-V2 anticipates.
/// </summary>
public sealed record ArchStep(Supernet Net, Batch Valid, Batch Train, SgdOptimizer WeightOptimizer,
    IReadOnlyList<Parameter> WeightParameters);
