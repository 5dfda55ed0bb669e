using VpDarts.Importance;
using VpDarts.SearchSpace;

namespace VpDarts.Experiments;

/// <summary>
/// One estimator on one subset: images it evaluated, time taken, the op it keeps per edge, how many of those match the
/// first (exact) estimator, its measure matrix, its <see cref="ImportanceResult.Estimate"/> (screening) and, for the
/// racing estimator, the batches each edge's race ran.
/// </summary>
public sealed record EstimatorOutcome(string Estimator, long Images, double Seconds, Genotype Keep, int EdgesAgreeing,
    float[,] Measure, float[,]? Estimate = null, IReadOnlyList<int>? RaceBatches = null);
