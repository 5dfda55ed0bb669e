using VpDarts.Data;
using VpDarts.Methods;
using VpDarts.Models;
using VpDarts.Optimizers;
using VpDarts.Runs;
using VpDarts.Runtime;
using VpDarts.SearchSpace;
using VpDarts.Strategies;

namespace VpDarts.Search;

/// <summary>
/// The one search loop every method shares. Per epoch: the strategy's epoch-start work (ablation and pruning),
/// then alternating steps — an architecture step on a search-valid batch (unless α is frozen) and a weight step on
/// a search-train batch, in the method's order — then metrics and a checkpoint. At the end the strategy picks the cell.
/// </summary>
public sealed class SearchRun(SearchConfig config, ISearchData data, RunDirectory run, IRunProgress progress, Func<Genotype, Nb201Record?>? score = null)
{
    /// <summary>Loads the training split of the config's dataset and splits it into search-train and search-valid.</summary>
    public static DatasetSearchData LoadData(SearchConfig config) =>
        DatasetSearchData.Load(config.Dataset, DataOptions.ForDataDir(config.DataDir, config.ImageSize), config.Seed, config.TrainLimit, config.ValidLimit, config.FixedSplit);

    /// <summary>
    /// Checks the record of <paramref name="run"/> before a search continues from it under <paramref name="config"/>
    /// (resolved): <see cref="RunRecordCheck.Check"/> with the settings a resume may change. <see cref="Execute"/> checks
    /// it too; a caller may check first, before it loads the data.
    /// </summary>
    /// <exception cref="UserInputException">The record disagrees with itself or with <paramref name="config"/>.</exception>
    public static void CheckRecord(RunDirectory run, SearchConfig config)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(config);
        RunRecordCheck.Check<SearchConfig>(run, config.Epochs, run.ReadSearchMetrics().Select(m => m.Epoch).ToList(), stored => SameRun(config, stored));
    }

    /// <summary><paramref name="config"/> with the values of <paramref name="stored"/> that do not change what is searched: threads, the table, the data cache folder.</summary>
    private static SearchConfig SameRun(SearchConfig config, SearchConfig stored) =>
        config with { Threads = stored.Threads, Table = stored.Table, DataDir = stored.DataDir };

    /// <summary>Called with each epoch's metrics line after it is written (TensorBoard, live plots).</summary>
    public Action<SearchEpochRecord>? OnEpoch { get; init; }

    /// <summary>Runs (or, when the run folder holds a checkpoint, resumes) the search.</summary>
    public SearchResult Execute(CancellationToken cancel = default)
    {
        config = config.Validate(checkDataset: false).Resolved();  // the data is given; its spec is only a label here
        run.RequireSameSettings<SearchConfig>(stored => SameRun(config, stored), "a search", "search",
            stored => stored.AsRecorded() with { Dataset = RunRecordCheck.DatasetFor(run, stored.Dataset) });
        CheckRecord(run, config);
        RunRecordCheck.CheckData(run, data.Fingerprint);
        var recorded = run.ReadSearchMetrics();
        if (File.Exists(run.ResultPath)) return Finished();
        var device = Devices.Select(config.Device);
        torch.set_num_threads(config.Threads);
        torch.manual_seed(config.Seed);

        // The method, the supernet, and its two optimisers: SGD on the network weights, Adam on α.
        var strategy = MethodModule.StrategyFor(config);
        using var net = StrategyFactory.NewSupernet(config, strategy, data.Channels, data.Classes);
        net.to(device);
        var weightParams = net.WeightParameters().ToList();
        using var weightOpt = new SgdOptimizer(weightParams, config.WeightLr, config.Momentum, config.EffectiveWeightDecay, config.EffectiveNesterov);
        using var archOpt = new AdamOptimizer([net.Alpha], config.ArchLr, config.ArchBeta1, config.ArchBeta2, weightDecay: config.EffectiveArchWeightDecay);
        var optimizers = Checkpoints.SearchOptimizers(weightOpt, archOpt);

        var start = RunStart<SearchEpochRecord>.Open(run, config, config.Epochs, recorded, net, optimizers, progress,
            checkpoint => Restore(checkpoint, strategy, net), data.Fingerprint);
        var metrics = start.Metrics;
        var midEpoch = start.Checkpoint?.State.MidEpoch;  // set when the checkpoint was written inside an epoch
        var tracker = new ProgressTracker(progress, new RunEta(SearchProgressPlan.Phases(config, strategy, data, start.FirstEpoch, midEpoch is not null)), config.Epochs);
        ZeroGradients(weightParams);

        var subsets = new Dictionary<(int, int), IReadOnlyList<Batch>>();
        IReadOnlyList<Batch>? fullValid = null;
        var context = new SearchContext(net, config, StrategyFactory.Importance(config),
            (epoch, draw) => Cached(subsets, (epoch, draw), () => ToDevice(data.ValidSubset(epoch, draw, config.ValidFraction, config.EvalBatchSize, config.AblationAugment), device)),
            () => fullValid ??= ToDevice(data.FullValid(config.EvalBatchSize, config.AblationAugment), device), cancel, tracker);
        var settings = JsonSerializer.SerializeToNode(config, RunDirectory.Json)!.AsObject();
        void SaveCheckpoint(int epochsDone, MidEpochState? inside = null) => Checkpoints.Save(run.CheckpointsPath, epochsDone, net, optimizers,
            new CheckpointState { Strategy = strategy.SaveState(), MidEpoch = inside, AlphaGrad = AlphaGradient(net) }, inside?.Step, config.KeepCheckpoints,
            settings);

        var searchClock = Stopwatch.StartNew();
        var cpuAtStart = ProcessCpuTime();
        var priorSeconds = metrics.Sum(m => m.Seconds?.Total ?? 0);
        for (var epoch = start.FirstEpoch; epoch < config.Epochs; epoch++)
        {
            cancel.ThrowIfCancellationRequested();
            var plan = strategy.PlanEpoch(epoch);

            // 1. The epoch's start: the strategy's ablation and pruning, or where a checkpoint inside the epoch left off.
            EpochStart begun;
            if (midEpoch is null)
            {
                torch.manual_seed(Seeds.TorchEpochSeed(config.Seed, epoch));  // dropout draws replay after a resume
                if (plan.MeasuresImportance) tracker.Begin(SearchProgressPlan.Ablation, epoch);
                try { begun = new EpochStart(SearchMetrics.Decision(plan.MeasuresImportance ? strategy.OnEpochStart(context, epoch) : null), new EpochAccumulator(), 0, false); }
                catch (OperationCanceledException)
                {
                    // Stopped inside the ablation, before it changed anything: the epoch's start is the checkpoint.
                    if (Checkpoints.List(run.CheckpointsPath).Count == 0) SaveCheckpoint(epoch);
                    throw;
                }
                finally { DisposeAll(subsets); }
            }
            else
            {
                RandomState.Restore(midEpoch.Rng);
                begun = new EpochStart(midEpoch.Decision, EpochAccumulator.FromSums(midEpoch.Sums), midEpoch.Step, true);
                midEpoch = null;
            }

            // 2. The steps: an architecture step on a search-valid batch (unless α is frozen) and a weight step, in the method's order.
            var lr = CosineLr(epoch);
            foreach (var group in weightOpt.ParamGroups) group.LearningRate = lr;
            tracker.Begin(plan.Phase, epoch, SearchProgressPlan.StepsPerEpoch(config, data), begun.FirstStep);
            strategy.BeginSteps(epoch);
            var stats = TrainEpoch(net, strategy, weightParams, weightOpt, archOpt, epoch, plan, device, begun, tracker,
                (step, seconds) => SaveCheckpoint(epoch, new MidEpochState
                {
                    Step = step, Decision = begun.Decision, Sums = begun.Sums.ToSums(seconds), Rng = RandomState.Capture(),
                }), cancel);

            // 3. The epoch's end: the metrics line, then a checkpoint.
            var arch = strategy.CurrentArch(context, epoch);
            try
            {
                metrics.Add(SearchMetrics.Epoch(epoch, plan.Phase, lr, stats, net, strategy, begun.Decision, arch, arch is null ? null : score?.Invoke(arch),
                    stats.Seconds + begun.Decision.Seconds));
            }
            catch (NumericFaultException e)
            {
                throw new NumericFaultException($"{e.Message}; {NumericFaultAdvice.For(run, "search", "--arch-lr")}");
            }
            run.WriteMetrics(metrics);
            OnEpoch?.Invoke(metrics[^1]);
            SaveCheckpoint(epoch + 1);
            progress.EpochDone(epoch, SearchMetrics.Summary(metrics[^1], config.Epochs));
        }

        // 4. The final cell, chosen by the strategy.
        tracker.Begin(SearchProgressPlan.FinalSelection, config.Epochs - 1);
        var final = strategy.SelectFinal(context);
        DisposeAll(fullValid);
        var totalSeconds = priorSeconds + searchClock.Elapsed.TotalSeconds;
        var nb201 = score?.Invoke(final.Arch);
        double? cpuSeconds = start.FirstEpoch == 0 && start.Checkpoint is null ? (ProcessCpuTime() - cpuAtStart).TotalSeconds : null;
        run.RequireInPlace();
        RunDirectory.WriteJson(run.ResultPath, SearchMetrics.Result(config, final, nb201, totalSeconds, metrics, cpuSeconds) with
        {
            RunId = RunRecordCheck.RunId(run.Root), MetricsSha256 = RunRecordCheck.MetricsSha256(run.MetricsPath, int.MaxValue),
        });
        return new SearchResult(final.Arch, nb201, totalSeconds, run.Root);
    }

    /// <summary>
    /// A finished search (its folder holds result.json) is not searched again: its recorded result is returned and
    /// nothing is written.
    /// </summary>
    private SearchResult Finished()
    {
        var result = RunRecordCheck.Result<SearchResultRecord>(run);
        if (result.Arch is null) throw new UserInputException($"{run.ResultPath}: 'arch' is missing");
        if (!Genotype.TryParse(result.Arch, out var arch, out var error)) throw new UserInputException($"{run.ResultPath}: 'arch': {error}");
        progress.Note($"the search in {run.Root} is finished (result.json); it is not searched again and its record is kept as it is");
        return new SearchResult(arch!, result.Nb201, result.SearchSeconds ?? 0, run.Root);
    }

    /// <summary>
    /// How an epoch's steps begin: the decision its start made, the sums of the steps done so far, the first step to
    /// run, and whether that start came from a checkpoint rather than from this session.
    /// </summary>
    private sealed record EpochStart(EpochDecisionRecord Decision, EpochAccumulator Sums, int FirstStep, bool Resumed);

    /// <summary>
    /// Puts a checkpoint's strategy state into <paramref name="strategy"/> after checking every part of the run state
    /// it records; anything unreadable makes it a corrupt checkpoint, so the previous one is tried.
    /// </summary>
    private void Restore(LoadedCheckpoint checkpoint, ISearchStrategy strategy, Supernet net)
    {
        if (checkpoint.State.Strategy is not { } strategyState) throw new CheckpointStateException("state.json holds no strategy state");
        try
        {
            if (checkpoint.State.MidEpoch is { } mid)
            {
                if (checkpoint.EpochsDone == config.Epochs) throw new CheckpointStateException("it is inside an epoch after the last one");
                if (mid.Step < 0) throw new CheckpointStateException($"state.json: step {mid.Step} inside an epoch");
                using var current = get_rng_state();
                if (Convert.FromBase64String(mid.Rng).Length != current.NumberOfElements)
                    throw new CheckpointStateException("state.json: the random generator state has the wrong size");
            }
            strategy.LoadState(strategyState);
            if (checkpoint.State.AlphaGrad is { } grad)
            {
                if (grad.Length != CellTopology.EdgeCount || grad.Any(row => row.Length != Operations.Count))
                    throw new CheckpointStateException("state.json: α's gradient is not a 6×5 matrix");
                using var values = tensor(grad.SelectMany(row => row.Select(v => (float)v)).ToArray(), [CellTopology.EdgeCount, Operations.Count]);
                using var onDevice = values.to(net.Alpha.device);
                net.Alpha.grad = onDevice;  // the parameter holds its own reference
            }
        }
        // Values that read as their types but that the run cannot use (a bad arch string, bad base64) surface as one of these.
        catch (Exception e) when (e is NullReferenceException or InvalidOperationException or FormatException or IndexOutOfRangeException
                                      or ArgumentException or KeyNotFoundException or UserInputException)
        {
            throw new CheckpointStateException($"state.json: unreadable run state ({OneLine.Of(e)})");
        }
    }

    private static TimeSpan ProcessCpuTime()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }

    /// <summary>α's gradient for a checkpoint, exactly, when the next weight step's clip counts it; else null.</summary>
    private double[][]? AlphaGradient(Supernet net)
    {
        if (!config.EffectiveClipIncludesAlpha) return null;
        using var grad = net.Alpha.grad;
        if (grad is null) return null;
        var host = Supernet.HostMatrix(grad);
        return Enumerable.Range(0, host.GetLength(0)).Select(e => Enumerable.Range(0, host.GetLength(1)).Select(o => (double)host[e, o]).ToArray()).ToArray();
    }

    /// <summary>Averages of one epoch's steps.</summary>
    public sealed record EpochStats(double TrainLoss, double TrainAccuracy, double? ValidLoss, double? ValidAccuracy, long Images, double Seconds);

    /// <summary>
    /// The epoch's steps from the first step <paramref name="begun"/> leaves to run (earlier batches are drawn and dropped, so the data
    /// order is the one an uninterrupted epoch sees). A cancellation stops at the next step boundary, checkpoints
    /// the epoch so far through <paramref name="saveInside"/> (also before the first step, so the epoch's ablation
    /// need not run again), then throws; a session that resumed at that very step has nothing new to save.
    /// </summary>
    private EpochStats TrainEpoch(Supernet net, ISearchStrategy strategy, List<Parameter> weightParams, SgdOptimizer weightOpt,
        AdamOptimizer archOpt, int epoch, EpochPlan plan, Device device, EpochStart begun, ProgressTracker tracker, Action<int, double> saveInside,
        CancellationToken cancel)
    {
        var (sums, firstStep) = (begun.Sums, begun.FirstStep);
        net.train();
        var steps = (int)Math.Ceiling(data.TrainCount / (double)config.BatchSize);
        var clock = Stopwatch.StartNew();
        using var archBatches = data.ArchBatches(epoch, config.BatchSize).GetEnumerator();
        var step = 0;
        foreach (var trainBatch in data.TrainBatches(epoch, config.BatchSize))
        {
            // Batches are drawn outside the step's scope: a lazily produced batch must not die with the step before it.
            Batch? archBatch = plan.TrainsArchitecture && archBatches.MoveNext() ? archBatches.Current : null;
            if (step < firstStep || cancel.IsCancellationRequested)
            {
                Dispose(trainBatch);
                if (archBatch is { } skipped) Dispose(skipped);
                if (step++ < firstStep) continue;
                if (step - 1 > firstStep || !begun.Resumed) saveInside(step - 1, clock.Elapsed.TotalSeconds);
                cancel.ThrowIfCancellationRequested();
            }
            using var scope = NewDisposeScope();
            try
            {
                var train = ToDevice(trainBatch, device);
                void ArchUpdate(Batch valid)
                {
                    var (loss, correct) = ArchitectureStep(net, strategy, archOpt, weightOpt, ToDevice(valid, device), train, weightParams);
                    sums.ValidLoss += loss * valid.Labels.shape[0];
                    sums.ValidCorrect += correct;
                    sums.ValidSeen += valid.Labels.shape[0];
                }
                if (archBatch is { } first && config.EffectiveStepOrder == StepOrder.ArchFirst) ArchUpdate(first);
                var (trainL, trainC) = WeightStep(net, strategy, weightOpt, train, weightParams);
                sums.TrainLoss += trainL * trainBatch.Labels.shape[0];
                sums.TrainCorrect += trainC;
                sums.TrainSeen += trainBatch.Labels.shape[0];
                if (archBatch is { } second && config.EffectiveStepOrder == StepOrder.WeightsFirst) ArchUpdate(second);
            }
            catch (NumericFaultException e)
            {
                throw new NumericFaultException($"epoch {epoch + 1}, step {step + 1}: {e.Message}; {NumericFaultAdvice.For(run, "search", "--weight-lr")}");
            }
            finally
            {
                Dispose(trainBatch);
                if (archBatch is { } used) Dispose(used);
            }
            step++;
            var elapsed = Math.Max(clock.Elapsed.TotalSeconds, 1e-9);
            tracker.Step(new StepProgress(plan.Phase, epoch, config.Epochs, step, steps, (sums.TrainSeen + sums.ValidSeen) / (elapsed + sums.PriorSeconds),
                sums.TrainLoss / sums.TrainSeen, 100.0 * sums.TrainCorrect / sums.TrainSeen, null));
        }
        if (sums.TrainSeen == 0) throw new UserInputException("search-train is empty: no batches to train on");
        return sums.ToStats(clock.Elapsed.TotalSeconds);
    }

    /// <summary>
    /// Gives every weight a zero gradient before the first step, fresh or resumed. A weight outside a step's graph
    /// (GDAS computes one op per edge) then keeps its zeroed gradient, and SGD's weight decay and momentum move it as
    /// in PyTorch 1.x, where <c>zero_grad</c> zeroes gradients, which NB201 ran on; and a resumed run, whose weights
    /// come back without gradients, updates the same weights as an uninterrupted one.
    /// </summary>
    private static void ZeroGradients(List<Parameter> weightParams)
    {
        foreach (var p in weightParams)
        {
            using var grad = p.grad;
            if (grad is not null) continue;
            using var zero = zeros_like(p);
            p.grad = zero;  // the parameter holds its own reference
        }
    }

    private static void Dispose(Batch batch)
    {
        batch.Images.Dispose();
        batch.Labels.Dispose();
    }

    /// <summary>
    /// One weight step on a search-train batch. α does not require a gradient unless the clip counts it (the
    /// baselines' code clips <c>network.parameters()</c>): then its gradient adds to what the last architecture step
    /// left, as there, and the architecture step clears it before its own backward pass.
    /// </summary>
    private (double Loss, long Correct) WeightStep(Supernet net, ISearchStrategy strategy, SgdOptimizer optimizer, Batch batch, List<Parameter> weightParams)
    {
        var withAlpha = config.EffectiveClipIncludesAlpha;
        net.Alpha.requires_grad = withAlpha;
        try
        {
            optimizer.zero_grad();
            var logits = strategy.TrainingLogits(net, batch.Images);
            var loss = nn.functional.cross_entropy(logits, batch.Labels);
            var lossValue = Checked(loss, "weight");
            loss.backward();
            nn.utils.clip_grad_norm_(withAlpha ? [.. weightParams, net.Alpha] : weightParams, config.GradClip);
            optimizer.step();
            return (lossValue, logits.argmax(1).eq(batch.Labels).sum().item<long>());
        }
        finally { net.Alpha.requires_grad = true; }
    }

    /// <summary>
    /// One architecture step: the strategy computes α's gradient (the network weights are frozen for the pass, so
    /// autograd computes only what the step uses), then Adam updates α.
    /// </summary>
    private (double Loss, long Correct) ArchitectureStep(Supernet net, ISearchStrategy strategy, AdamOptimizer optimizer, SgdOptimizer weightOptimizer,
        Batch valid, Batch train, List<Parameter> weightParams)
    {
        foreach (var p in weightParams) p.requires_grad = false;
        try
        {
            optimizer.zero_grad();
            var outcome = strategy.ArchitectureBackward(new ArchStep(net, valid, train, weightOptimizer, weightParams));
            var lossValue = Checked(outcome.Loss, "architecture");
            optimizer.step();
            return (lossValue, outcome.Logits.argmax(1).eq(valid.Labels).sum().item<long>());
        }
        finally
        {
            foreach (var p in weightParams) p.requires_grad = true;
        }
    }

    private static float Checked(Tensor loss, string step)
    {
        var value = loss.item<float>();
        if (NumericFaultException.Problem(value) is { } problem) throw new NumericFaultException($"loss {problem} in a {step} step");
        return value;
    }

    private double CosineLr(int epoch) =>
        config.WeightLrMin + 0.5 * (config.WeightLr - config.WeightLrMin) * (1 + Math.Cos(Math.PI * epoch / config.Epochs));

    private static Batch ToDevice(Batch batch, Device device) =>
        device.type == DeviceType.CPU ? batch : new Batch(batch.Images.to(device), batch.Labels.to(device));

    private static IReadOnlyList<Batch> ToDevice(IReadOnlyList<Batch> batches, Device device)
    {
        if (device.type == DeviceType.CPU) return batches;
        var moved = batches.Select(b => ToDevice(b, device)).ToList();
        DisposeAll(batches);
        return moved;
    }

    private static IReadOnlyList<Batch> Cached(Dictionary<(int, int), IReadOnlyList<Batch>> cache, (int, int) key, Func<IReadOnlyList<Batch>> make)
    {
        if (!cache.TryGetValue(key, out var batches)) cache[key] = batches = make();
        return batches;
    }

    private static void DisposeAll(Dictionary<(int, int), IReadOnlyList<Batch>> cache)
    {
        foreach (var batches in cache.Values) DisposeAll(batches);
        cache.Clear();
    }

    private static void DisposeAll(IReadOnlyList<Batch>? batches)
    {
        if (batches is null) return;
        foreach (var b in batches)
        {
            b.Images.Dispose();
            b.Labels.Dispose();
        }
    }
}
