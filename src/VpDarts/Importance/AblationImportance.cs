using VpDarts.Data;
using VpDarts.Models;
using VpDarts.Runs;
using VpDarts.SearchSpace;

namespace VpDarts.Importance;

/// <summary>
/// VP-DARTS importance: the supernet's validation accuracy (or loss) with one op's weight set to zero, for every
/// candidate op. Passes run without gradients, with BatchNorm on batch statistics but its running statistics left
/// untouched. An op whose weight is already exactly zero cannot change the output when removed, so it gets the
/// un-ablated measure without a pass of its own (unless dropout makes passes random).
/// </summary>
public sealed class AblationImportance(AblationMeasure measure, AblationOptions options) : IImportanceCriterion
{
    /// <inheritdoc />
    public string Name => measure == AblationMeasure.Accuracy ? "valid-accuracy" : "valid-loss";

    /// <inheritdoc />
    public ImportanceResult Evaluate(Supernet net, Tensor weights, bool[,] candidates,
        Func<int, IReadOnlyList<Batch>> batches, IWorkProgress? progress = null)
    {
        var values = Supernet.HostMatrix(weights);
        var measured = new float[CellTopology.EdgeCount, Operations.Count];
        var score = new float[CellTopology.EdgeCount, Operations.Count];
        long images = 0;
        float? baseline = null;
        var total = candidates.Cast<bool>().Count(c => c);
        var done = 0;
        var wasTraining = net.training;
        net.train();
        try
        {
            using var frozen = BatchNormStatistics.Freeze(net);
            using var noGrad = no_grad();
            var pass = 0;
            float Measure(Tensor w)
            {
                var set = batches(options.ResamplePerOp ? pass : 0);
                pass++;
                var (value, count) = Run(net, w, set);
                images += count;
                return value;
            }

            for (var e = 0; e < CellTopology.EdgeCount; e++)
            {
                for (var o = 0; o < Operations.Count; o++)
                {
                    if (!candidates[e, o])
                    {
                        measured[e, o] = float.NaN;
                        score[e, o] = float.NegativeInfinity;
                        continue;
                    }
                    float value;
                    if (AblationPass.CannotMatter(o, values[e, o],
                        repeatable: !options.Dropout && !options.ResamplePerOp))
                        value = baseline ??= Measure(weights);
                    else
                    {
                        using var ablated = AblationPass.WithoutOp(weights, e, o);
                        value = Measure(ablated);
                    }
                    measured[e, o] = value;
                    score[e, o] = measure == AblationMeasure.Accuracy ? -value : value;
                    progress?.Advance(++done, total, "ops");
                }
            }
        }
        finally
        {
            net.train(wasTraining);
        }
        return new ImportanceResult(Name, measured, score, images, baseline);
    }

    private (float Value, long Images) Run(Supernet net, Tensor weights, IReadOnlyList<Batch> set)
    {
        long correct = 0, count = 0;
        double lossSum = 0;
        foreach (var batch in set)
        {
            using var scope = NewDisposeScope();
            var logits = net.Forward(batch.Images, weights, options.Dropout);
            if (measure == AblationMeasure.Accuracy)
                correct += logits.argmax(1).eq(batch.Labels).sum().item<long>();
            else
                lossSum += nn.functional.cross_entropy(logits, batch.Labels, reduction: nn.Reduction.Sum).item<float>();
            count += batch.Labels.shape[0];
        }
        options.AfterPass();
        if (count == 0) throw new InvalidOperationException("the validation ablation received no images");
        var value = measure == AblationMeasure.Accuracy ? 100.0 * correct / count : lossSum / count;
        return ((float)value, count);
    }
}
