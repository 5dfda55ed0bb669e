using VpDarts.Data;
using VpDarts.Importance;
using VpDarts.Methods;
using VpDarts.Models;
using VpDarts.Runs;
using VpDarts.Runtime;
using VpDarts.SearchSpace;
using VpDarts.Strategies;

namespace VpDarts.Experiments;

/// <summary>
/// Runs the exact validation ablation, the racing ablation and first-order screening on the same validation subsets
/// of a trained supernet and compares the images each evaluates and the op each keeps per edge.
/// </summary>
public static class ImportanceComparison
{
    /// <summary>
    /// Evaluates every criterion of <paramref name="estimators"/> on <paramref name="batches"/>; the first is the
    /// reference the others' per-edge keep choices are compared with. Keeps break ties by
    /// |<paramref name="tieBreak"/>|, as the search does.
    /// </summary>
    public static IReadOnlyList<EstimatorOutcome> Compare(Supernet net, Tensor weights, bool[,] candidates,
        IReadOnlyList<Batch> batches, IReadOnlyList<IImportanceCriterion> estimators, float[,]? tieBreak)
    {
        var outcomes = new List<EstimatorOutcome>();
        Genotype? reference = null;
        foreach (var estimator in estimators)
        {
            var clock = Stopwatch.StartNew();
            var result = estimator.Evaluate(net, weights, candidates, _ => batches);
            var seconds = clock.Elapsed.TotalSeconds;
            var keep = result.BestArch(tieBreak);
            reference ??= keep;
            var agreeing = Enumerable.Range(0, CellTopology.EdgeCount).Count(e => keep[e] == reference[e]);
            var raceBatches = result.Race.Count == 0
                ? null : result.Race.Where(r => r.Stopped).Select(r => r.Batches).ToList();
            outcomes.Add(new EstimatorOutcome(estimator.Name, result.ImagesEvaluated, seconds, keep, agreeing,
                result.Measure, result.Estimate, raceBatches));
        }
        return outcomes;
    }

    /// <summary>The exact ablation, then racing and screening with <paramref name="options"/>, then the truncated exact
    /// ablation if asked.</summary>
    public static IReadOnlyList<IImportanceCriterion> Estimators(ComparisonOptions options) =>
    [
        new AblationImportance(AblationMeasure.Accuracy,
            new AblationOptions { AfterPass = MallocTuning.ReleaseFreeMemory }),
        new RacingAblationImportance(options.Racing with { AfterPass = MallocTuning.ReleaseFreeMemory }),
        new ScreeningImportance(options.Screening with { AfterPass = MallocTuning.ReleaseFreeMemory }),
        .. options.TruncatedShare is { } share
            ? [new TruncatedAblationImportance(share)] : Array.Empty<IImportanceCriterion>(),
    ];

    /// <summary>
    /// Loads the supernet of <paramref name="checkpointFolder"/> (a <c>checkpoints/epoch-NNNN</c> folder of a run with
    /// <paramref name="config"/>; its model and strategy state) and compares the estimators on the validation subsets
    /// the next epoch's ablation would draw from <paramref name="data"/>.
    /// </summary>
    public static IReadOnlyList<ComparisonDraw> FromCheckpoint(SearchConfig config, ISearchData data,
        string checkpointFolder, ComparisonOptions options, Action<ComparisonDraw>? onDraw = null)
    {
        var strategy = MethodModule.StrategyFor(config);
        using var net = StrategyFactory.NewSupernet(config, strategy, data.Channels, data.Classes);
        var checkpoint = Checkpoints.LoadModel(checkpointFolder, net);
        var state = checkpoint.State.Strategy ?? new StrategyState();
        strategy.LoadState(state);
        var candidates = state.OpMask();
        var epoch = checkpoint.EpochsDone;
        var name = Path.GetFileName(Path.TrimEndingDirectorySeparator(checkpointFolder));

        var draws = new List<ComparisonDraw>();
        for (var draw = 0; draw < options.Draws; draw++)
        {
            using var scope = NewDisposeScope();
            var batches = data.ValidSubset(epoch, draw, config.ValidFraction,
                options.EvalBatchSize ?? config.EvalBatchSize, config.AblationAugment);
            var weights = strategy.EdgeWeights(net).detach();
            var outcomes = Compare(net, weights, candidates, batches, Estimators(options), net.AlphaValues());
            var result = new ComparisonDraw(name, draw, batches.Sum(b => b.Labels.shape[0]), batches.Count, outcomes);
            draws.Add(result);
            onDraw?.Invoke(result);
        }
        return draws;
    }

    /// <summary>Totals over <paramref name="draws"/> per estimator: images, share of the first estimator's, seconds and
    /// edges agreeing.</summary>
    public static IReadOnlyList<(string Estimator, long Images, double ImageShare, double Seconds, int Agreeing,
        int Edges)> Summarise(IReadOnlyList<ComparisonDraw> draws)
    {
        if (draws.Count == 0) return [];
        var reference = draws.Sum(d => d.Estimators[0].Images);
        return draws[0].Estimators.Select((first, i) =>
        {
            var images = draws.Sum(d => d.Estimators[i].Images);
            return (first.Estimator, images, (double)images / reference, draws.Sum(d => d.Estimators[i].Seconds),
                draws.Sum(d => d.Estimators[i].EdgesAgreeing), draws.Count * CellTopology.EdgeCount);
        }).ToList();
    }

    /// <summary>
    /// How often the first (exact) estimator keeps the same op on an edge for two different subsets of the same
    /// checkpoint (consecutive draws): the subset-to-subset noise of the exact choice itself. (agreeing, edges).
    /// </summary>
    public static (int Agreeing, int Edges) ExactAcrossDraws(IReadOnlyList<ComparisonDraw> draws)
    {
        int agreeing = 0, edges = 0;
        foreach (var group in draws.GroupBy(d => d.Checkpoint))
        {
            var ordered = group.OrderBy(d => d.Draw).ToList();
            for (var i = 1; i < ordered.Count; i++)
                for (var e = 0; e < CellTopology.EdgeCount; e++, edges++)
                    if (ordered[i].Estimators[0].Keep[e] == ordered[i - 1].Estimators[0].Keep[e]) agreeing++;
        }
        return (agreeing, edges);
    }
}
