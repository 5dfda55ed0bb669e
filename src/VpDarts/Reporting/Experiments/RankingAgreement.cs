namespace VpDarts.Reporting;

/// <summary>Kendall τ-b per edge between one reading of a trained supernet and the benchmark's operation
/// ranking.</summary>
/// <param name="Run">Run folder name, or <c>mean</c> for the mean over runs.</param>
/// <param name="Reading"><c>alpha</c> (|α|) or <c>validation</c> (accuracy with the op removed, lower = more
/// important).</param>
/// <param name="PerEdge">τ-b of each edge (NaN where undefined).</param>
public sealed record RankingAgreement(string Run, string Reading, double[] PerEdge)
{
    /// <summary>The mean of the defined per-edge values (NaN when none is defined).</summary>
    public double Mean => PerEdge.Where(double.IsFinite).DefaultIfEmpty(double.NaN).Average();
}
