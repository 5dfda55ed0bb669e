using VpDarts.Data;
using VpDarts.Methods;
using VpDarts.Runs;
using VpDarts.Runtime;
using VpDarts.SearchSpace;
using VpDarts.Strategies;

namespace VpDarts.Search;

/// <summary>
/// The one search loop every method shares, read top to bottom in <see cref="Run"/>. Per epoch: the strategy's plan,
/// its epoch-start work (ablation and pruning), the steps (an architecture step on a search-valid batch unless α is
/// frozen, and a weight step on a search-train batch, in the method's order), then the metrics line and a
/// checkpoint. At the end the strategy picks the cell. Resume and checkpoints (<see cref="SearchCheckpoints"/>), the
/// steps (<see cref="EpochSteps"/>), the validation batches (<see cref="ValidationBatches"/>) and the records
/// (<see cref="SearchRecords"/>) live beside it.
/// </summary>
internal sealed class SearchLoop(
    SearchConfig config, ISearchData data, RunDirectory run, IRunProgress progress,
    Func<Genotype, Nb201Record?>? score, Action<SearchEpochRecord>? onEpoch)
{
    /// <summary>Runs the search, or resumes it from the newest usable checkpoint of the run folder.</summary>
    /// <param name="recorded">The metrics lines the run folder holds.</param>
    /// <param name="cancel">A stop request: the search checkpoints at the next step boundary, then throws.</param>
    public SearchResult Run(IReadOnlyList<SearchEpochRecord> recorded, CancellationToken cancel)
    {
        // Set-up: the method, the supernet, its two optimisers (SGD on the weights, Adam on α), the run's start.
        var device = Devices.Select(config.Device);
        torch.set_num_threads(config.Threads);
        torch.manual_seed(config.Seed);
        var strategy = MethodModule.StrategyFor(config);
        using var net = StrategyFactory.NewSupernet(config, strategy, data.Channels, data.Classes);
        net.to(device);
        using var optimizers = new SearchOptimizers(net, config);
        var checkpoints = new SearchCheckpoints(run, config, strategy, net, optimizers);
        var start = checkpoints.Open(recorded, progress, data.Fingerprint);
        var tracker = new ProgressTracker(progress, new RunEta(SearchProgressPlan.Phases(config, strategy, data,
            start.FirstEpoch, checkpoints.ResumesInsideAnEpoch)), config.Epochs);
        optimizers.ZeroWeightGradients();
        var validation = new ValidationBatches(data, config, device);
        var context = new SearchContext(net, config, StrategyFactory.Importance(config), validation.Subset,
            validation.Full, cancel, tracker);
        var steps = new EpochSteps(config, data, run, net, strategy, optimizers, device, tracker);
        var records = new SearchRecords(config, run, start, net, strategy, score, onEpoch);

        for (var epoch = start.FirstEpoch; epoch < config.Epochs; epoch++)
        {
            cancel.ThrowIfCancellationRequested();
            var plan = strategy.PlanEpoch(epoch);

            // 1. The epoch's start: the strategy's ablation and pruning, or where a checkpoint inside it left off.
            var begun = checkpoints.ResumeInsideEpoch();
            if (begun is null)
            {
                torch.manual_seed(Seeds.TorchEpochSeed(config.Seed, epoch));  // dropout draws replay after a resume
                if (plan.MeasuresImportance) tracker.Begin(SearchProgressPlan.Ablation, epoch);
                try
                {
                    begun = EpochStart.Fresh(checkpoints.SavedIfStopped(epoch,
                        () => plan.MeasuresImportance ? strategy.OnEpochStart(context, epoch) : null));
                }
                finally { validation.FreeSubsets(); }
            }

            // 2. The steps: an architecture step (unless α is frozen) and a weight step, in the method's order.
            var lr = optimizers.SetWeightLr(epoch);
            tracker.Begin(plan.Phase, epoch, SearchProgressPlan.StepsPerEpoch(config, data), begun.FirstStep);
            strategy.BeginSteps(epoch);
            var stats = steps.Run(epoch, plan, begun, checkpoints.InsideEpoch(epoch, begun), cancel);

            // 3. The epoch's end: the metrics line, then a checkpoint.
            var arch = strategy.CurrentArch(context, epoch);
            var line = records.AddEpoch(epoch, plan, lr, stats, begun, arch);
            checkpoints.Save(epoch + 1);
            progress.EpochDone(epoch, SearchMetrics.Summary(line, config.Epochs));
        }

        // 4. The final cell, chosen by the strategy, and result.json.
        tracker.Begin(SearchProgressPlan.FinalSelection, config.Epochs - 1);
        var final = strategy.SelectFinal(context);
        validation.FreeFull();
        return records.WriteResult(final);
    }
}
