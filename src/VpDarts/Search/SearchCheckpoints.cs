using System.Text.Json.Nodes;
using VpDarts.Data;
using VpDarts.Models;
using VpDarts.Runs;
using VpDarts.SearchSpace;
using VpDarts.Strategies;

namespace VpDarts.Search;

/// <summary>
/// What a search's checkpoints hold and give back: the run's start (new, or the newest usable checkpoint with every
/// part of its run state checked), a checkpoint at an epoch's end or inside an epoch, and the epoch a checkpoint
/// written inside one resumes.
/// </summary>
internal sealed class SearchCheckpoints(
    RunDirectory run, SearchConfig config, ISearchStrategy strategy, Supernet net, SearchOptimizers optimizers)
{
    private readonly JsonObject settings = JsonSerializer.SerializeToNode(config, RunDirectory.Json)!.AsObject();
    private MidEpochState? midEpoch;  // set when the checkpoint resumed from was written inside an epoch, until used

    /// <summary>
    /// Starts the run: loads the newest usable checkpoint into the supernet, the optimisers and the strategy, or, when
    /// there is none, writes config.json for a new run (<see cref="RunStart{TEpoch}.Open"/>).
    /// </summary>
    public RunStart<SearchEpochRecord> Open(
        IReadOnlyList<SearchEpochRecord> recorded, IRunProgress progress, DataFingerprint? data)
    {
        var start = RunStart<SearchEpochRecord>.Open(run, config, config.Epochs, recorded, net, optimizers.Checkpointed,
            progress, Restore, data);
        midEpoch = start.Checkpoint?.State.MidEpoch;
        return start;
    }

    /// <summary>Whether the run resumes from a checkpoint written inside an epoch, not yet run on.</summary>
    public bool ResumesInsideAnEpoch => midEpoch is not null;

    /// <summary>
    /// Where the checkpoint written inside an epoch left it, with the random generator put back as it was there;
    /// null when the epoch starts afresh. Given once.
    /// </summary>
    public EpochStart? ResumeInsideEpoch()
    {
        if (midEpoch is not { } mid) return null;
        RandomState.Restore(mid.Rng);
        midEpoch = null;
        return EpochStart.FromCheckpoint(mid);
    }

    /// <summary>
    /// Runs an epoch's start work. Stopped inside it (the ablation), before it changed anything, the epoch's start is
    /// the checkpoint, unless the run has one already.
    /// </summary>
    public T SavedIfStopped<T>(int epoch, Func<T> start)
    {
        try { return start(); }
        catch (OperationCanceledException)
        {
            if (Checkpoints.List(run.CheckpointsPath).Count == 0) Save(epoch);
            throw;
        }
    }

    /// <summary>
    /// Saves a checkpoint inside <paramref name="epoch"/> after a given step, with the epoch's decision, the sums of
    /// its steps so far plus the seconds of this session, and the random generator's state.
    /// </summary>
    public Action<int, double> InsideEpoch(int epoch, EpochStart begun) =>
        (step, seconds) => Save(epoch, new MidEpochState
        {
            Step = step, Decision = begun.Decision, Sums = begun.Sums.ToSums(seconds), Rng = RandomState.Capture(),
        });

    /// <summary>Saves a checkpoint after <paramref name="epochsDone"/> epochs, or inside the next one.</summary>
    public void Save(int epochsDone, MidEpochState? inside = null) => Checkpoints.Save(run.CheckpointsPath, epochsDone,
        net, optimizers.Checkpointed,
        new CheckpointState { Strategy = strategy.SaveState(), MidEpoch = inside, AlphaGrad = AlphaGradient() },
        inside?.Step, config.KeepCheckpoints, settings);

    /// <summary>
    /// Puts a checkpoint's strategy state into the strategy after checking every part of the run state it records;
    /// anything unreadable makes it a corrupt checkpoint, so the previous one is tried.
    /// </summary>
    private void Restore(LoadedCheckpoint checkpoint)
    {
        if (checkpoint.State.Strategy is not { } strategyState)
            throw new CheckpointStateException("state.json holds no strategy state");
        try
        {
            if (checkpoint.State.MidEpoch is { } mid)
            {
                if (checkpoint.EpochsDone == config.Epochs)
                    throw new CheckpointStateException("it is inside an epoch after the last one");
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
                using var values = tensor(grad.SelectMany(row => row.Select(v => (float)v)).ToArray(),
                    [CellTopology.EdgeCount, Operations.Count]);
                using var onDevice = values.to(net.Alpha.device);
                net.Alpha.grad = onDevice;  // the parameter holds its own reference
            }
        }
        // Values that read as their types but that the run cannot use (a bad arch string, bad base64) surface as one
        // of these.
        catch (Exception e) when (e is NullReferenceException or InvalidOperationException or FormatException
                                      or IndexOutOfRangeException or ArgumentException or KeyNotFoundException
                                      or UserInputException)
        {
            throw new CheckpointStateException($"state.json: unreadable run state ({OneLine.Of(e)})");
        }
    }

    /// <summary>α's gradient for a checkpoint, exactly, when the next weight step's clip counts it; or null.</summary>
    private double[][]? AlphaGradient()
    {
        if (!config.EffectiveClipIncludesAlpha) return null;
        using var grad = net.Alpha.grad;
        if (grad is null) return null;
        var host = Supernet.HostMatrix(grad);
        return Enumerable.Range(0, host.GetLength(0))
            .Select(e => Enumerable.Range(0, host.GetLength(1)).Select(o => (double)host[e, o]).ToArray()).ToArray();
    }
}
