using VpDarts.Importance;
using VpDarts.Runs;
using VpDarts.SearchSpace;

namespace VpDarts.Strategies;

/// <summary>
/// The accumulated final choice: importance scores (higher = keep) summed per (edge, op) over measurements, and the
/// cell they pick with the paper's tie rules (larger |α|, then lower index). An op that was not a candidate in any
/// measurement (score −∞) stays −∞; a score a criterion left unmeasured (NaN) adds nothing.
/// </summary>
public static class FinalChoiceRule
{
    /// <summary><paramref name="sum"/> + <paramref name="score"/>, entry by entry (a new matrix; null
    /// <paramref name="sum"/> counts as zeros).</summary>
    public static float[,] Add(float[,]? sum, float[,] score)
    {
        var total = new float[CellTopology.EdgeCount, Operations.Count];
        for (var e = 0; e < CellTopology.EdgeCount; e++)
            for (var o = 0; o < Operations.Count; o++)
            {
                var previous = sum?[e, o] ?? 0f;
                var add = float.IsNaN(score[e, o]) ? 0f : score[e, o];
                total[e, o] = float.IsNegativeInfinity(previous) || float.IsNegativeInfinity(add)
                    ? float.NegativeInfinity : previous + add;
            }
        return total;
    }

    /// <summary>
    /// The cell <paramref name="sum"/> picks: highest summed score per edge; ties to the larger |α|, then the lower
    /// index, or with <see cref="TieRule.Code"/> to the lower index, as the authors' code's final choice.
    /// </summary>
    public static Genotype Best(float[,] sum, float[,] alpha, TieRule tieRule = TieRule.LargerAlpha)
    {
        var scores = new ImportanceResult("accumulated", sum, sum, 0, null);
        return tieRule == TieRule.Code ? scores.BestArchByIndex(higherIndex: false) : scores.BestArch(alpha);
    }

    /// <summary>A sum as a checkpoint's state holds it: −∞ as null, every other value exactly (no rounding, so a resume
    /// replays).</summary>
    public static double?[][] ToRecord(float[,] sum) =>
        Enumerable.Range(0, CellTopology.EdgeCount).Select(e => Enumerable.Range(0, Operations.Count)
            .Select(o => float.IsNegativeInfinity(sum[e, o]) ? (double?)null : sum[e, o]).ToArray()).ToArray();

    /// <summary>A sum read back from a checkpoint's state (null entries are −∞).</summary>
    public static float[,] FromRecord(double?[][] rows)
    {
        var sum = new float[CellTopology.EdgeCount, Operations.Count];
        for (var e = 0; e < CellTopology.EdgeCount; e++)
            for (var o = 0; o < Operations.Count; o++)
                sum[e, o] = rows[e][o] is { } v ? (float)v : float.NegativeInfinity;
        return sum;
    }
}
