using VpDarts.Data;
using VpDarts.Models;
using VpDarts.Runs;

namespace VpDarts.Importance;

/// <summary>How important each op of each edge is to a trained supernet.</summary>
public interface IImportanceCriterion
{
    /// <summary>Name used in configs and reports.</summary>
    string Name { get; }

    /// <summary>
    /// Scores every candidate (edge, op) of <paramref name="net"/> under edge weights <paramref name="weights"/>.
    /// <paramref name="batches"/> supplies validation batches; it is called once per ablation so a criterion may
    /// ask for the same or fresh batches (see <see cref="AblationOptions.ResamplePerOp"/>). The work done so far
    /// (ops, edges or batches, as the criterion counts it) goes to <paramref name="progress"/> when it is set.
    /// </summary>
    ImportanceResult Evaluate(Supernet net, Tensor weights, bool[,] candidates, Func<int, IReadOnlyList<Batch>> batches,
        IWorkProgress? progress = null);
}
