using VpDarts.Data;
using VpDarts.Export;
using VpDarts.Models;
using VpDarts.Optimizers;
using VpDarts.Runs;
using VpDarts.Runtime;

namespace VpDarts.Training;

/// <summary>
/// Trains one cell's NB201 network from scratch: SGD with Nesterov momentum and a per-step cosine learning rate,
/// random crop and flip, one metrics line and one checkpoint per epoch; then evaluates on the test split (evaluation
/// mode, fixed order), exports the network to <c>model/</c> and writes <c>result.json</c>. Everything random derives
/// from (seed, epoch), so a run resumed from a checkpoint continues exactly as if it had never stopped.
/// </summary>
public sealed class TrainRun(TrainConfig config, TrainData data, RunDirectory run, IRunProgress progress)
{
    /// <summary>Phase name of the training epochs.</summary>
    public const string TrainPhase = "train";

    /// <summary>Phase name of the closing evaluation on the test split.</summary>
    public const string TestPhase = "test";

    /// <summary>Folder of the exported model inside the run folder.</summary>
    public const string ModelFolder = "model";

    /// <summary>
    /// Checks the record of <paramref name="run"/> before training continues from it under <paramref name="config"/>
    /// (resolved): <see cref="RunRecordCheck.Check"/> with the settings a resume may change. <see cref="Execute"/>
    /// checks it too; a caller may check first, before it loads the data.
    /// </summary>
    /// <exception cref="UserInputException">The record disagrees with itself or with
    /// <paramref name="config"/>.</exception>
    public static void CheckRecord(RunDirectory run, TrainConfig config)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(config);
        RunRecordCheck.Check<TrainConfig>(run, config.Epochs, run.ReadTrainMetrics().Select(m => m.Epoch).ToList(),
            stored => SameRun(config, stored));
    }

    /// <summary><paramref name="config"/> with the values of <paramref name="stored"/> that do not change what is
    /// trained: threads, the data cache folder.</summary>
    private static TrainConfig SameRun(TrainConfig config, TrainConfig stored)
        => config with { Threads = stored.Threads, DataDir = stored.DataDir };

    /// <summary>Called with each epoch's metrics line after it is written (TensorBoard, live plots).</summary>
    public Action<TrainEpochRecord>? OnEpoch { get; init; }

    /// <summary>Runs (or, when the run folder holds a checkpoint, resumes) the training.</summary>
    public TrainResult Execute(CancellationToken cancel = default)
    {
        config.Validate(checkDataset: false);  // the data is given; its spec is only a label here
        var resolved = config.Resolved();
        run.RequireSameSettings<TrainConfig>(stored => SameRun(resolved, stored), "a training run", "train",
            stored => stored with { Dataset = RunRecordCheck.DatasetFor(run, stored.Dataset) });
        CheckRecord(run, resolved);
        RunRecordCheck.CheckData(run, data.Fingerprint);
        var recorded = run.ReadTrainMetrics();
        if (File.Exists(run.ResultPath)) return Finished();
        var device = Devices.Select(config.Device);
        torch.set_num_threads(config.Threads);
        torch.manual_seed(config.Seed);  // the initial weights

        var train = data.Train;
        using var net = new DiscreteNetwork(config.Genotype,
            new NetworkShape(config.Channels, config.Layers, train.Channels, train.ClassCount));
        net.to(device);
        using var sgd =
            new SgdOptimizer(net.parameters(), config.Lr, config.Momentum, config.WeightDecay, config.Nesterov);
        var optimizers = Checkpoints.TrainOptimizers(sgd);

        var start = RunStart<TrainEpochRecord>.Open(run, resolved, config.Epochs, recorded, net, optimizers, progress,
            data: data.Fingerprint);
        var settings = JsonSerializer.SerializeToNode(resolved, RunDirectory.Json)!.AsObject();
        var metrics = start.Metrics;

        var loader = new BatchLoader(train, data.TrainRows, config.BatchSize, augment: true, shuffle: true,
            Seeds.For(config.Seed, SeedStream.TrainingLoader), device: device);
        // The ETA's plan: the epochs left, then the test pass (forward only: about a third of a training image's cost).
        var tracker = new ProgressTracker(progress, new RunEta([
            .. Enumerable.Repeat(new PlannedPhase(TrainPhase, loader.BatchesPerEpoch, 3.0 * config.BatchSize),
                config.Epochs - start.FirstEpoch),
            new PlannedPhase(TestPhase, (int)Math.Ceiling(data.Test.Count / (double)config.EvalBatchSize),
                config.EvalBatchSize)]), config.Epochs);
        for (var epoch = start.FirstEpoch; epoch < config.Epochs; epoch++)
        {
            cancel.ThrowIfCancellationRequested();
            var clock = Stopwatch.StartNew();
            torch.manual_seed(Seeds.TorchEpochSeed(config.Seed, epoch));
            tracker.Begin(TrainPhase, epoch, loader.BatchesPerEpoch);
            var (loss, accuracy, images) = TrainEpoch(net, sgd, loader, epoch, tracker, cancel);
            var seconds = clock.Elapsed.TotalSeconds;
            metrics.Add(new TrainEpochRecord
            {
                Epoch = epoch,
                Lr = LearningRate(epoch * loader.BatchesPerEpoch, loader.BatchesPerEpoch),
                TrainLoss = loss,
                TrainAcc = accuracy,
                Images = images,
                ImagesPerSecond = images / Math.Max(seconds, 1e-9),
                Seconds = seconds,
            });
            run.WriteMetrics(metrics);
            OnEpoch?.Invoke(metrics[^1]);
            Checkpoints.Save(run.CheckpointsPath, epoch + 1, net, optimizers, new CheckpointState(),
                settings: settings);
            progress.EpochDone(epoch, Summary(metrics[^1], config.Epochs));
        }

        tracker.Begin(TestPhase, config.Epochs - 1);
        var evalClock = Stopwatch.StartNew();
        var (testLoss, testAccuracy) = Evaluate(net, data.Test, device, config.EvalBatchSize, tracker);
        var evalSeconds = evalClock.Elapsed.TotalSeconds;
        if (device.type != DeviceType.CPU) net.to(CPU);  // the exported files hold CPU tensors
        run.RequireInPlace();
        var modelDir = Path.Combine(run.Root, ModelFolder);
        var info = ModelExport.Save(modelDir, net,
            new ModelInput(train.Size, train.Mean, train.Std, train.ClassNames, config.Dataset, config.ImageSize,
                data.Fingerprint.Sha256));
        var trainSeconds = metrics.Sum(m => m.Seconds ?? 0);
        RunDirectory.WriteJson(run.ResultPath, new TrainResultRecord
        {
            Arch = config.Arch,
            Dataset = resolved.Dataset,  // as config.json records it
            TestAcc = testAccuracy,
            TestLoss = testLoss,
            TestImages = data.Test.Count,
            TrainImages = data.TrainRows.Length,
            Parameters = info.ParameterCount,
            Epochs = config.Epochs,
            TrainSeconds = trainSeconds,
            EvalSeconds = evalSeconds,
            Model = ModelFolder,
            Settings = config,
            RunId = RunRecordCheck.RunId(run.Root),
            MetricsSha256 = RunRecordCheck.MetricsSha256(run.MetricsPath, int.MaxValue),
        });
        return new TrainResult(config.Genotype, testAccuracy, testLoss, info.ParameterCount, trainSeconds,
            run.Root, modelDir);
    }

    /// <summary>
    /// A finished training run (its folder holds result.json) is not trained again: its recorded result is returned
    /// and nothing is written.
    /// </summary>
    private TrainResult Finished()
    {
        var result = RunRecordCheck.Result<TrainResultRecord>(run);
        if (result.TestAcc is not { } accuracy || result.TestLoss is not { } loss
            || result.Parameters is not { } parameters)
            throw new UserInputException($"{run.ResultPath}: 'test_acc', 'test_loss' or 'parameters' is missing");
        progress.Note($"the training run in {run.Root} is finished (result.json); it is not trained again and its " +
            "record is kept as it is");
        return new TrainResult(config.Genotype, accuracy, loss, parameters, result.TrainSeconds ?? 0, run.Root,
            Path.Combine(run.Root, ModelFolder));
    }

    private (double Loss, double Accuracy, long Images) TrainEpoch(DiscreteNetwork net, OptimizerHelper sgd,
        BatchLoader loader, int epoch, ProgressTracker tracker, CancellationToken cancel)
    {
        net.train();
        var steps = loader.BatchesPerEpoch;
        var clock = Stopwatch.StartNew();
        double lossSum = 0;
        long correct = 0, seen = 0;
        var step = 0;
        // Batches are drawn outside the step's dispose scope and freed by hand after it.
        foreach (var (x, y) in loader.EnumerateEpoch(epoch))
        {
            using (x)
            using (y)
            using (NewDisposeScope())
            {
                cancel.ThrowIfCancellationRequested();
                foreach (var group in sgd.ParamGroups) group.LearningRate = LearningRate(epoch * steps + step, steps);
                sgd.zero_grad();
                var logits = net.forward(x);
                var loss = nn.functional.cross_entropy(logits, y);
                loss.backward();
                sgd.step();
                var value = loss.item<float>();
                if (NumericFaultException.Problem(value) is { } problem)
                    throw new NumericFaultException($"loss {problem} in epoch {epoch + 1}, step {step + 1}; " +
                        $"{NumericFaultAdvice.For(run, "train", "--lr")}");
                var n = y.shape[0];
                lossSum += value * n;
                correct += logits.argmax(1).eq(y).sum().item<long>();
                seen += n;
            }
            step++;
            tracker.Step(new StepProgress(TrainPhase, epoch, config.Epochs, step, steps,
                seen / Math.Max(clock.Elapsed.TotalSeconds, 1e-9), lossSum / seen, 100.0 * correct / seen, null));
        }
        return (lossSum / seen, 100.0 * correct / seen, seen);
    }

    /// <summary>
    /// Mean loss and accuracy (%) over a whole split: evaluation mode, no augmentation, fixed order; the batches done
    /// go to <paramref name="progress"/> when it is set.
    /// </summary>
    public static (double Loss, double Accuracy) Evaluate(DiscreteNetwork net, ImageDataset split, Device device,
        int batchSize = 256, IWorkProgress? progress = null)
    {
        net.eval();
        using var noGrad = no_grad();
        double lossSum = 0;
        long correct = 0, seen = 0;
        var loader = BatchLoader.ForEvaluation(split, batchSize, device);
        var batches = 0;
        foreach (var (x, y) in loader.EnumerateEpoch(0))
        {
            using (x)
            using (y)
            using (NewDisposeScope())
            {
                var logits = net.forward(x);
                lossSum += nn.functional.cross_entropy(logits, y, reduction: nn.Reduction.Sum).item<float>();
                correct += logits.argmax(1).eq(y).sum().item<long>();
                seen += y.shape[0];
            }
            progress?.Advance(++batches, loader.BatchesPerEpoch, "batches");
        }
        return (lossSum / seen, 100.0 * correct / seen);
    }

    /// <summary>Cosine from <see cref="TrainConfig.Lr"/> at step 0 to <see cref="TrainConfig.LrMin"/> after the last
    /// step.</summary>
    private double LearningRate(long globalStep, int stepsPerEpoch) =>
        config.LrMin + 0.5 * (config.Lr - config.LrMin) *
            (1 + Math.Cos(Math.PI * globalStep / ((double)stepsPerEpoch * config.Epochs)));

    /// <summary>A one-line summary of an epoch's metrics.</summary>
    public static string Summary(TrainEpochRecord m, int epochs)
    {
        static string F(double? value, string format)
            => value is { } v ? v.ToString(format, CultureInfo.InvariantCulture) : "-";
        return $"epoch {m.Number}/{epochs}: train loss {F(m.TrainLoss, "F3")} acc {F(m.TrainAcc, "F1")}%, " +
               $"lr {F(m.Lr, "G4")}, {F(m.ImagesPerSecond, "F0")} img/s, {F(m.Seconds, "F1")}s";
    }
}
