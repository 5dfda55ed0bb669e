namespace VpDarts.Experiments;

/// <summary>Every estimator on one validation subset.</summary>
public sealed record ComparisonDraw(string Checkpoint, int Draw, long SubsetImages, int Batches,
    IReadOnlyList<EstimatorOutcome> Estimators);
