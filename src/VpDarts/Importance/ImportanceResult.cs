using VpDarts.SearchSpace;

namespace VpDarts.Importance;

/// <summary>
/// What an importance criterion measured for every (edge, op): the raw <see cref="Measure"/> (for example the
/// validation accuracy with that op removed) and a <see cref="Score"/> where higher means "more important, keep".
/// Ops that were not candidates have score −∞ and measure NaN; a criterion may also leave candidates it did not
/// measure at NaN (with a finite score).
/// </summary>
public sealed record ImportanceResult(string Criterion, float[,] Measure, float[,] Score, long ImagesEvaluated,
    float? BaseMeasure)
{
    /// <summary>A cheaper per-op estimate the criterion computed on the way (screening's first-order loss increase);
    /// null if none.</summary>
    public float[,]? Estimate { get; init; }

    /// <summary>The rounds of a racing ablation, edge by edge; empty for the other criteria.</summary>
    public IReadOnlyList<RaceRound> Race { get; init; } = [];

    /// <summary>The <paramref name="keep"/> highest-scoring candidate ops of <paramref name="edge"/>, best
    /// first.</summary>
    public IReadOnlyList<int> TopOps(int edge, int keep, float[,]? tieBreak = null, bool higherIndexFirst = false)
    {
        var ops = Enumerable.Range(0, Operations.Count).Where(o => !float.IsNegativeInfinity(Score[edge, o])).ToList();
        ops.Sort((a, b) =>
        {
            var byScore = Score[edge, b].CompareTo(Score[edge, a]);
            if (byScore != 0) return byScore;
            if (tieBreak is not null)
            {
                var byTie = Math.Abs(tieBreak[edge, b]).CompareTo(Math.Abs(tieBreak[edge, a]));
                if (byTie != 0) return byTie;
            }
            return higherIndexFirst ? b.CompareTo(a) : a.CompareTo(b);
        });
        return ops.Take(keep).ToList();
    }

    /// <summary>The op to keep on every edge: highest score; ties go to the larger |tie-break| value, then the lower
    /// index.</summary>
    public Genotype BestArch(float[,]? tieBreak = null) =>
        new(Enumerable.Range(0, SearchSpace.CellTopology.EdgeCount)
            .Select(e => (Operation)TopOps(e, 1, tieBreak)[0]).ToArray());

    /// <summary>The op to keep on every edge: highest score; ties go to the higher index when
    /// <paramref name="higherIndex"/> is set, else the lower.</summary>
    public Genotype BestArchByIndex(bool higherIndex) =>
        new(Enumerable.Range(0, SearchSpace.CellTopology.EdgeCount)
            .Select(e => (Operation)TopOps(e, 1, null, higherIndex)[0]).ToArray());
}
