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
        => options.Dropout || options.ResamplePerOp
            ? EvaluateOpByOp(net, weights, candidates, batches, progress)
            : EvaluateBatchByBatch(net, weights, candidates, batches(0), progress);

    /// <summary>
    /// Every pass on the same batches without dropout: batch by batch, the stem and the first cell are traced once
    /// and every ablated pass replays from the trace (<see cref="Supernet.Trace"/>); progress counts passes of one
    /// batch. Counts and loss sums per op are those of <see cref="EvaluateOpByOp"/>, added in the same order, so the
    /// results are identical.
    /// </summary>
    private ImportanceResult EvaluateBatchByBatch(Supernet net, Tensor weights, bool[,] candidates,
        IReadOnlyList<Batch> set, IWorkProgress? progress)
    {
        if (set.Count == 0) throw new InvalidOperationException("the validation ablation received no images");
        var values = Supernet.HostMatrix(weights);
        var passes = new List<(int Edge, int Op)>();
        var usesBaseline = false;
        for (var e = 0; e < CellTopology.EdgeCount; e++)
            for (var o = 0; o < Operations.Count; o++)
            {
                if (!candidates[e, o]) continue;
                if (AblationPass.CannotMatter(o, values[e, o], repeatable: true)) usesBaseline = true;
                else passes.Add((e, o));
            }
        var sums = new Tally[passes.Count];
        var total = set.Count * (passes.Count + (usesBaseline ? 1 : 0));
        var done = 0;
        var baselineSum = new Tally();
        var wasTraining = net.training;
        net.train();
        try
        {
            using var frozen = BatchNormStatistics.Freeze(net);
            using var noGrad = no_grad();
            var ablated = passes.Select(p => AblationPass.WithoutOp(weights, p.Edge, p.Op)).ToList();
            try
            {
                for (var b = 0; b < set.Count; b++)
                {
                    using var scope = NewDisposeScope();
                    var batch = set[b];
                    using var trace = net.Trace(batch.Images, weights);
                    if (usesBaseline)
                    {
                        baselineSum.Add(Score(net.ForwardFrom(trace, weights, null), batch));
                        progress?.Advance(++done, total, "passes");
                    }
                    for (var i = 0; i < passes.Count; i++)
                    {
                        sums[i].Add(Score(net.ForwardFrom(trace, ablated[i], passes[i].Edge), batch));
                        progress?.Advance(++done, total, "passes");
                    }
                    options.AfterPass();
                }
            }
            finally
            {
                foreach (var tensor in ablated) tensor.Dispose();
            }
        }
        finally
        {
            net.train(wasTraining);
        }

        var measured = new float[CellTopology.EdgeCount, Operations.Count];
        var score = new float[CellTopology.EdgeCount, Operations.Count];
        float? baseline = usesBaseline ? Value(baselineSum) : null;
        for (var e = 0; e < CellTopology.EdgeCount; e++)
            for (var o = 0; o < Operations.Count; o++)
            {
                measured[e, o] = float.NaN;
                score[e, o] = float.NegativeInfinity;
            }
        long images = usesBaseline ? baselineSum.Count : 0;
        for (var i = 0; i < passes.Count; i++)
        {
            var (e, o) = passes[i];
            measured[e, o] = Value(sums[i]);
            images += sums[i].Count;
        }
        for (var e = 0; e < CellTopology.EdgeCount; e++)
            for (var o = 0; o < Operations.Count; o++)
            {
                if (!candidates[e, o]) continue;
                if (!passes.Contains((e, o))) measured[e, o] = baseline!.Value;
                score[e, o] = measure == AblationMeasure.Accuracy ? -measured[e, o] : measured[e, o];
            }
        return new ImportanceResult(Name, measured, score, images, baseline);
    }

    /// <summary>One pass's correct predictions, loss sum and image count so far.</summary>
    private struct Tally
    {
        public long Correct;
        public double LossSum;
        public long Count;

        public void Add((long Correct, double LossSum, long Count) batch)
        {
            Correct += batch.Correct;
            LossSum += batch.LossSum;
            Count += batch.Count;
        }
    }

    private (long Correct, double LossSum, long Count) Score(Tensor logits, Batch batch)
    {
        using var _ = logits;
        return measure == AblationMeasure.Accuracy
            ? (logits.argmax(1).eq(batch.Labels).sum().item<long>(), 0, batch.Labels.shape[0])
            : (0, nn.functional.cross_entropy(logits, batch.Labels, reduction: nn.Reduction.Sum).item<float>(),
                batch.Labels.shape[0]);
    }

    private float Value(Tally tally)
        => (float)(measure == AblationMeasure.Accuracy
            ? 100.0 * tally.Correct / tally.Count
            : tally.LossSum / tally.Count);

    /// <summary>One pass per op over its batches: the order dropout or a sample per op needs.</summary>
    private ImportanceResult EvaluateOpByOp(Supernet net, Tensor weights, bool[,] candidates,
        Func<int, IReadOnlyList<Batch>> batches, IWorkProgress? progress)
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
