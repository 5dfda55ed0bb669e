using static TorchSharp.torch;

namespace VpDarts.Tests.Strategies;

/// <summary>
/// An importance criterion that returns the given measures in turn (accuracy with the op removed: lower = keep), the
/// last one again once they run out, so a test can give every pruning epoch and the final selection its own evidence.
/// </summary>
internal sealed class SequenceImportance(params float[][,] measures) : IImportanceCriterion
{
    public string Name => "valid-accuracy";

    public int Calls { get; private set; }

    public ImportanceResult Evaluate(Supernet net, Tensor weights, bool[,] candidates, Func<int, IReadOnlyList<Batch>> batches, IWorkProgress? progress = null)
    {
        var measure = measures[Math.Min(Calls++, measures.Length - 1)];
        var score = new float[6, 5];
        for (var e = 0; e < 6; e++)
            for (var o = 0; o < 5; o++)
                score[e, o] = candidates[e, o] ? -measure[e, o] : float.NegativeInfinity;
        return new ImportanceResult(Name, measure, score, 0, null);
    }
}
