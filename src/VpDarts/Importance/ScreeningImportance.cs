using VpDarts.Data;
using VpDarts.Models;
using VpDarts.Runs;
using VpDarts.Runtime;
using VpDarts.SearchSpace;

namespace VpDarts.Importance;

/// <summary>
/// First-order screening, then exact ablation of the short list. The loss increase from removing op o of edge e
/// (w[e, o] → 0) is estimated by the first-order Taylor term ΔL ≈ −w[e, o]·∂L/∂w[e, o], where L is the mean
/// cross-entropy over the paired validation subset and the gradient is taken with respect to the weight matrix
/// passed in (one forward and backward pass per batch; no optimiser step, BatchNorm on batch statistics with its
/// running statistics untouched, dropout off, no gradient stored on any model parameter). On every edge the
/// <see cref="ScreeningOptions.Keep"/> candidates with the largest estimate are then ablated exactly
/// (<see cref="AblationImportance"/>, accuracy) and the one whose removal gives the lowest accuracy is kept.
/// <para>
/// Verified ops have <see cref="ImportanceResult.Measure"/> = ablated accuracy and score −accuracy (in [−100, 0]);
/// screened-out ops have measure NaN and score −101 − (their rank among the screened-out ops), so they are never
/// kept. <see cref="ImportanceResult.Estimate"/> holds every candidate's ΔL estimate.
/// <see cref="ImportanceResult.ImagesEvaluated"/> counts the screening images (forward and backward) plus the
/// exact ablation images.
/// </para>
/// </summary>
public sealed class ScreeningImportance(ScreeningOptions options) : IImportanceCriterion
{
    /// <inheritdoc />
    public string Name => "valid-accuracy-screening";

    /// <summary>The settings.</summary>
    public ScreeningOptions Options { get; } = options;

    /// <inheritdoc />
    public ImportanceResult Evaluate(Supernet net, Tensor weights, bool[,] candidates,
        Func<int, IReadOnlyList<Batch>> batches, IWorkProgress? progress = null)
    {
        if (Options.Keep is < 1 or > Operations.Count)
            throw new ArgumentOutOfRangeException(nameof(options), "keep must be 1 to 5");
        var set = batches(0);
        // Progress counts the screening batches, then the short list's exact ablations, as one run of steps.
        var total = set.Count + Enumerable.Range(0, CellTopology.EdgeCount)
            .Sum(e => Math.Min(Options.Keep, Enumerable.Range(0, Operations.Count).Count(o => candidates[e, o])));
        var (estimate, screened) =
            LossIncreaseEstimate(net, weights, set, done => progress?.Advance(done, total, Unit));
        var values = Supernet.HostMatrix(weights);
        var shortList = CellTopology.EveryOp(false);
        for (var e = 0; e < CellTopology.EdgeCount; e++)
            foreach (var o in Ranked(e, estimate, values, candidates).Take(Options.Keep))
                shortList[e, o] = true;

        var exact = new AblationImportance(AblationMeasure.Accuracy,
            new AblationOptions { AfterPass = Options.AfterPass }).Evaluate(net, weights, shortList, _ => set,
            progress is null ? null : new AfterScreening(progress, set.Count, total));
        var measured = new float[CellTopology.EdgeCount, Operations.Count];
        var score = new float[CellTopology.EdgeCount, Operations.Count];
        var recorded = new float[CellTopology.EdgeCount, Operations.Count];
        for (var e = 0; e < CellTopology.EdgeCount; e++)
        {
            var rank = 0;
            foreach (var o in Ranked(e, estimate, values, candidates))
            {
                measured[e, o] = shortList[e, o] ? exact.Measure[e, o] : float.NaN;
                score[e, o] = shortList[e, o] ? exact.Score[e, o] : -101f - rank++;
            }
            for (var o = 0; o < Operations.Count; o++)
            {
                recorded[e, o] = candidates[e, o] ? estimate[e, o] : float.NaN;
                if (candidates[e, o]) continue;
                measured[e, o] = float.NaN;
                score[e, o] = float.NegativeInfinity;
            }
        }
        return new ImportanceResult(Name, measured, score, screened + exact.ImagesEvaluated,
            exact.BaseMeasure) { Estimate = recorded };
    }

    private const string Unit = "steps";

    /// <summary>The exact ablations' progress, in whatever unit they count, spread over the short list's steps after
    /// the screening batches.</summary>
    private sealed class AfterScreening(IWorkProgress progress, int screened, int total) : IWorkProgress
    {
        public void Advance(int done, int exactTotal, string unit)
        {
            var share = (int)((long)done * (total - screened) / Math.Max(1, exactTotal));
            progress.Advance(Math.Min(total, screened + share), total, Unit);
        }
    }

    /// <summary>Candidates of <paramref name="edge"/>, largest estimate first; ties go to the larger |w|, then the
    /// lower index.</summary>
    private static IEnumerable<int> Ranked(int edge, float[,] estimate, float[,] weights, bool[,] candidates) =>
        Enumerable.Range(0, Operations.Count).Where(o => candidates[edge, o])
            .OrderByDescending(o => estimate[edge, o]).ThenByDescending(o => Math.Abs(weights[edge, o])).ThenBy(o => o);

    /// <summary>
    /// The first-order estimate −w ⊙ ∂L/∂w of the loss increase from zeroing each entry of <paramref name="weights"/>,
    /// where L is the mean cross-entropy of <paramref name="net"/> over <paramref name="batches"/> (paired, dropout
    /// off, BatchNorm running statistics untouched, no gradients left on model parameters), and the images used.
    /// <paramref name="batchesDone"/> hears how many batches are done as the pass goes on.
    /// </summary>
    public static (float[,] Estimate, long Images) LossIncreaseEstimate(Supernet net, Tensor weights,
        IReadOnlyList<Batch> batches, Action<int>? batchesDone = null)
    {
        var count = batches.Sum(b => b.Labels.shape[0]);
        if (count == 0) throw new InvalidOperationException("the screening pass received no images");
        var parameters = net.parameters().ToList();
        var required = parameters.Select(p => p.requires_grad).ToList();
        var wasTraining = net.training;
        net.train();
        try
        {
            // Only the weight matrix needs a gradient; frozen parameters also skip their own backward work.
            foreach (var p in parameters) p.requires_grad_(false);
            using var frozen = BatchNormStatistics.Freeze(net);
            using var images = count.ToScalar();
            // A term is drawn just before it is differentiated, so drawing term i means i batches are done.
            var estimate = FirstOrderLossIncrease(weights, batches.Select((b, i) =>
            {
                batchesDone?.Invoke(i);
                return (Func<Tensor, Tensor>)(w =>
                    nn.functional.cross_entropy(net.Forward(b.Images, w, dropout: false), b.Labels,
                        reduction: nn.Reduction.Sum).div(images));
            }));
            batchesDone?.Invoke(batches.Count);
            return (estimate, count);
        }
        finally
        {
            for (var i = 0; i < parameters.Count; i++) parameters[i].requires_grad_(required[i]);
            net.train(wasTraining);
        }
    }

    /// <summary>
    /// −w ⊙ ∂L/∂w for L(w) = Σ terms(w), each term differentiated (and its graph freed) on its own: the first-order
    /// Taylor estimate of L(w with one entry zeroed) − L(w), exact when L is linear in that entry.
    /// </summary>
    public static float[,] FirstOrderLossIncrease(Tensor weights, IEnumerable<Func<Tensor, Tensor>> terms)
    {
        using var scope = NewDisposeScope();
        using var enable = enable_grad();
        var w = weights.detach().clone().requires_grad_(true);
        var gradient = zeros_like(w);
        foreach (var term in terms)
        {
            using var step = NewDisposeScope();
            var loss = term(w);
            var g = torch.autograd.grad([loss], [w])[0];
            gradient.add_(g, Scalars.One);
        }
        return Supernet.HostMatrix(w.detach().mul(gradient).neg());
    }
}
