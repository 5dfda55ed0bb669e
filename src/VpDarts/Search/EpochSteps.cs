using VpDarts.Data;
using VpDarts.Models;
using VpDarts.Runs;
using VpDarts.Strategies;

namespace VpDarts.Search;

/// <summary>
/// The steps of a search epoch: per search-train batch, an architecture step on a search-valid batch (unless α is
/// frozen) and a weight step, in the method's order, with the epoch's running sums and step progress.
/// </summary>
internal sealed class EpochSteps(
    SearchConfig config, ISearchData data, RunDirectory run, Supernet net, ISearchStrategy strategy,
    SearchOptimizers optimizers, Device device, ProgressTracker tracker)
{
    /// <summary>
    /// The epoch's steps from the first step <paramref name="begun"/> leaves to run (earlier batches are drawn and
    /// dropped, so the data order is the one an uninterrupted epoch sees). A cancellation stops at the next step
    /// boundary, checkpoints the epoch so far through <paramref name="saveInside"/> (also before the first step, so
    /// the epoch's ablation need not run again), then throws; a session that resumed at that very step has nothing
    /// new to save.
    /// </summary>
    public EpochStats Run(int epoch, EpochPlan plan, EpochStart begun, Action<int, double> saveInside,
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
                DeviceBatches.Dispose(trainBatch);
                if (archBatch is { } skipped) DeviceBatches.Dispose(skipped);
                if (step++ < firstStep) continue;
                if (step - 1 > firstStep || !begun.Resumed) saveInside(step - 1, clock.Elapsed.TotalSeconds);
                cancel.ThrowIfCancellationRequested();
            }
            using var scope = NewDisposeScope();
            try
            {
                var train = DeviceBatches.ToDevice(trainBatch, device);
                void ArchUpdate(Batch valid)
                {
                    var (loss, correct) = ArchitectureStep(DeviceBatches.ToDevice(valid, device), train);
                    sums.ValidLoss += loss * valid.Labels.shape[0];
                    sums.ValidCorrect += correct;
                    sums.ValidSeen += valid.Labels.shape[0];
                }
                if (archBatch is { } first && config.EffectiveStepOrder == StepOrder.ArchFirst) ArchUpdate(first);
                var (trainL, trainC) = WeightStep(train);
                sums.TrainLoss += trainL * trainBatch.Labels.shape[0];
                sums.TrainCorrect += trainC;
                sums.TrainSeen += trainBatch.Labels.shape[0];
                if (archBatch is { } second && config.EffectiveStepOrder == StepOrder.WeightsFirst) ArchUpdate(second);
            }
            catch (NumericFaultException e)
            {
                var advice = NumericFaultAdvice.For(run, "search", "--weight-lr");
                throw new NumericFaultException($"epoch {epoch + 1}, step {step + 1}: {e.Message}; {advice}");
            }
            finally
            {
                DeviceBatches.Dispose(trainBatch);
                if (archBatch is { } used) DeviceBatches.Dispose(used);
            }
            step++;
            var elapsed = Math.Max(clock.Elapsed.TotalSeconds, 1e-9);
            tracker.Step(new StepProgress(plan.Phase, epoch, config.Epochs, step, steps,
                (sums.TrainSeen + sums.ValidSeen) / (elapsed + sums.PriorSeconds),
                sums.TrainLoss / sums.TrainSeen, 100.0 * sums.TrainCorrect / sums.TrainSeen, null));
        }
        if (sums.TrainSeen == 0) throw new UserInputException("search-train is empty: no batches to train on");
        return sums.ToStats(clock.Elapsed.TotalSeconds);
    }

    /// <summary>
    /// One weight step on a search-train batch. α does not require a gradient unless the clip counts it (the
    /// baselines' code clips <c>network.parameters()</c>): then its gradient adds to what the last architecture step
    /// left, as there, and the architecture step clears it before its own backward pass.
    /// </summary>
    private (double Loss, long Correct) WeightStep(Batch batch)
    {
        var weightParams = optimizers.WeightParameters;
        var withAlpha = config.EffectiveClipIncludesAlpha;
        net.Alpha.requires_grad = withAlpha;
        try
        {
            optimizers.Weights.zero_grad();
            var logits = strategy.TrainingLogits(net, batch.Images);
            var loss = nn.functional.cross_entropy(logits, batch.Labels);
            var lossValue = Checked(loss, "weight");
            loss.backward();
            nn.utils.clip_grad_norm_(withAlpha ? [.. weightParams, net.Alpha] : weightParams, config.GradClip);
            optimizers.Weights.step();
            return (lossValue, logits.argmax(1).eq(batch.Labels).sum().item<long>());
        }
        finally { net.Alpha.requires_grad = true; }
    }

    /// <summary>
    /// One architecture step: the strategy computes α's gradient (the network weights are frozen for the pass, so
    /// autograd computes only what the step uses), then Adam updates α.
    /// </summary>
    private (double Loss, long Correct) ArchitectureStep(Batch valid, Batch train)
    {
        var weightParams = optimizers.WeightParameters;
        foreach (var p in weightParams) p.requires_grad = false;
        try
        {
            optimizers.Architecture.zero_grad();
            var step = new ArchStep(net, valid, train, optimizers.Weights, weightParams);
            var outcome = strategy.ArchitectureBackward(step);
            var lossValue = Checked(outcome.Loss, "architecture");
            optimizers.Architecture.step();
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
        if (NumericFaultException.Problem(value) is { } problem)
            throw new NumericFaultException($"loss {problem} in a {step} step");
        return value;
    }
}
