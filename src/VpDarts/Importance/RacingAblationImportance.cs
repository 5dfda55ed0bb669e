using VpDarts.Data;
using VpDarts.Models;
using VpDarts.Runs;
using VpDarts.SearchSpace;

namespace VpDarts.Importance;

/// <summary>
/// The validation-accuracy ablation as a race (see <see cref="PairedRace"/> for the stopping rule): each edge's
/// candidate ablations are evaluated batch by batch on the paired subset, and an op leaves the race as soon as it
/// is significantly less important than the edge's leader (the op whose removal costs the most accuracy). Ops whose
/// weight is exactly zero and the <c>none</c> op cannot change the output, so they race together as one racer whose
/// accuracy is the un-ablated one (computed once per batch and shared by all edges). With confidence 1, or when the
/// batches run out, survivors carry the full-subset accuracy, the same as <see cref="AblationImportance"/>.
/// <para>
/// <see cref="ImportanceResult.Measure"/> is each op's running accuracy over the batches it saw.
/// <see cref="ImportanceResult.Score"/> orders ops by how long they raced, then by that accuracy: survivors score
/// −accuracy (in [−100, 0]); an op that left d rounds before the edge stopped scores −accuracy − 101·(d + 1), so it
/// ranks below every survivor. Passes are paired (always draw 0) and run without dropout, without gradients, with
/// BatchNorm on batch statistics and its running statistics untouched.
/// </para>
/// </summary>
public sealed class RacingAblationImportance(RacingOptions options) : IImportanceCriterion
{
    /// <inheritdoc />
    public string Name => "valid-accuracy-racing";

    /// <summary>The settings.</summary>
    public RacingOptions Options { get; } = options;

    /// <inheritdoc />
    public ImportanceResult Evaluate(Supernet net, Tensor weights, bool[,] candidates,
        Func<int, IReadOnlyList<Batch>> batches, IWorkProgress? progress = null)
    {
        var values = Supernet.HostMatrix(weights);
        var set = batches(0);
        if (set.Count == 0) throw new InvalidOperationException("the validation ablation received no images");
        var measured = new float[CellTopology.EdgeCount, Operations.Count];
        var score = new float[CellTopology.EdgeCount, Operations.Count];
        var baseline = new bool[set.Count][];
        long images = 0;
        var log = new List<RaceRound>();
        var wasTraining = net.training;
        net.train();
        try
        {
            using var frozen = BatchNormStatistics.Freeze(net);
            using var noGrad = no_grad();
            bool[] Pass(Tensor w, int b)
            {
                images += set[b].Labels.shape[0];
                return AblationPass.Correct(net, w, set[b]);
            }

            for (var e = 0; e < CellTopology.EdgeCount; e++)
            {
                var racers = Racers(e, values, candidates);
                var ablated =
                    racers.Select(r => r.Inert ? null : AblationPass.WithoutOp(weights, e, r.Ops[0])).ToArray();
                try
                {
                    var outcome = PairedRace.Run(e, racers.Select(r => r.Ops).ToList(), set.Count, Options,
                        (i, b) => ablated[i] is { } w ? Pass(w, b) : baseline[b] ??= Pass(weights, b));
                    log.AddRange(outcome.Rounds);
                    Record(e, racers, outcome, measured, score);
                }
                finally
                {
                    foreach (var w in ablated) w?.Dispose();
                    Options.AfterPass();
                }
                progress?.Advance(e + 1, CellTopology.EdgeCount, "edges");
            }
        }
        finally
        {
            net.train(wasTraining);
        }
        return new ImportanceResult(Name, measured, score, images, BaselineAccuracy(baseline, set)) { Race = log };
    }

    /// <summary>One racer: a single ablatable op, or every op of the edge that cannot change the output.</summary>
    private sealed record Racer(IReadOnlyList<int> Ops, bool Inert);

    private static List<Racer> Racers(int edge, float[,] values, bool[,] candidates)
    {
        var inert = new List<int>();
        var racers = new List<Racer>();
        for (var o = 0; o < Operations.Count; o++)
        {
            if (!candidates[edge, o]) continue;
            if (AblationPass.CannotMatter(o, values[edge, o], repeatable: true)) inert.Add(o);
            else racers.Add(new Racer([o], false));
        }
        if (inert.Count > 0) racers.Insert(0, new Racer(inert, true));
        return racers;
    }

    private static void Record(int edge, List<Racer> racers, RaceOutcome outcome, float[,] measured, float[,] score)
    {
        for (var o = 0; o < Operations.Count; o++)
        {
            measured[edge, o] = float.NaN;
            score[edge, o] = float.NegativeInfinity;
        }
        for (var i = 0; i < racers.Count; i++)
        {
            var accuracy = outcome.Accuracy(i);
            var behind = outcome.Survivors[i] ? 0 : 101f * (1 + outcome.RoundsRun - outcome.Batches[i]);
            foreach (var o in racers[i].Ops)
            {
                measured[edge, o] = accuracy;
                score[edge, o] = -accuracy - behind;
            }
        }
    }

    private static float? BaselineAccuracy(bool[]?[] baseline, IReadOnlyList<Batch> set)
    {
        long correct = 0, count = 0;
        foreach (var b in baseline.Where(b => b is not null))
        {
            correct += b!.Count(x => x);
            count += b!.Length;
        }
        return count == 0 ? null : (float)(100.0 * correct / count);
    }
}
