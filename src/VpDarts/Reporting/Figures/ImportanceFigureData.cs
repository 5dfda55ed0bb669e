using VpDarts.Runs;

namespace VpDarts.Reporting.Figures;

/// <summary>
/// What one importance heat map shows: the matrix (edges × operations, NaN where not measured), what its values mean,
/// the title, the ops outlined as kept and the ops marked as pruned.
/// </summary>
/// <param name="File">File name of the PNG inside <c>figures/</c>.</param>
/// <param name="Matrix">The importance of every (edge, op); NaN where it was not measured.</param>
/// <param name="Criterion">The criterion's option name (<c>valid-accuracy</c>, …), or null when unknown.</param>
/// <param name="Title">The figure's title; it names where the matrix comes from (an epoch, or the final
/// selection).</param>
/// <param name="Outlined">The ops drawn with a red outline: one per edge, the ops the cell keeps.</param>
/// <param name="Pruned">The ops drawn with a dashed outline: those the epoch pruned (none for the final
/// selection).</param>
internal sealed record ImportanceFigureData(
    string File,
    double[,] Matrix,
    string? Criterion,
    string Title,
    IReadOnlyList<EdgeOp> Outlined,
    IReadOnlyList<EdgeOp> Pruned);
