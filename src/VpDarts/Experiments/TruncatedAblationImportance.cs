using VpDarts.Data;
using VpDarts.Importance;
using VpDarts.Models;
using VpDarts.Runs;

namespace VpDarts.Experiments;

/// <summary>The exact ablation on the first ⌈<paramref name="share"/> · batches⌉ batches only.</summary>
public sealed class TruncatedAblationImportance(double share) : IImportanceCriterion
{
    private readonly AblationImportance _exact = new(AblationMeasure.Accuracy, new AblationOptions());

    /// <inheritdoc />
    public string Name
        => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"valid-accuracy-first-{share * 100:0.#}%");

    /// <inheritdoc />
    public ImportanceResult Evaluate(Supernet net, Tensor weights, bool[,] candidates,
        Func<int, IReadOnlyList<Batch>> batches, IWorkProgress? progress = null)
    {
        var set = batches(0);
        var take = Math.Clamp((int)Math.Ceiling(share * set.Count), 1, set.Count);
        return _exact.Evaluate(net, weights, candidates, _ => set.Take(take).ToList(),
            progress) with { Criterion = Name };
    }
}
