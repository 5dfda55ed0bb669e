using VpDarts.Data;
using VpDarts.Models;
using VpDarts.Runs;
using VpDarts.SearchSpace;

namespace VpDarts.Importance;

/// <summary>Importance as the magnitude of each op's edge weight (|w|), the usual DARTS reading; no passes.</summary>
public sealed class AlphaMagnitudeImportance : IImportanceCriterion
{
    /// <inheritdoc />
    public string Name => "alpha";

    /// <inheritdoc />
    public ImportanceResult Evaluate(Supernet net, Tensor weights, bool[,] candidates,
        Func<int, IReadOnlyList<Batch>> batches, IWorkProgress? progress = null)
    {
        var values = Supernet.HostMatrix(weights);
        var score = new float[CellTopology.EdgeCount, Operations.Count];
        for (var e = 0; e < CellTopology.EdgeCount; e++)
            for (var o = 0; o < Operations.Count; o++)
                score[e, o] = candidates[e, o] ? Math.Abs(values[e, o]) : float.NegativeInfinity;
        var ops = candidates.Cast<bool>().Count(c => c);
        progress?.Advance(ops, ops, "ops");  // scored without a pass
        return new ImportanceResult(Name, values, score, 0, null);
    }
}
