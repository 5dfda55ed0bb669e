namespace VpDarts.Runs;

/// <summary>
/// Where a run begins: at its folder's newest usable checkpoint, with the metrics lines written up to it, or — when
/// the folder holds none — at epoch 0, with the run's settings and provenance written to <c>config.json</c>. Searches
/// and training runs begin the same way.
/// </summary>
/// <param name="Checkpoint">The checkpoint the run resumes from; null for a new run.</param>
/// <param name="Metrics">The metrics lines of the epochs done before it.</param>
public sealed record RunStart<TEpoch>(LoadedCheckpoint? Checkpoint, List<TEpoch> Metrics)
{
    /// <summary>The first epoch still to run (the checkpoint's epoch when it was written inside one).</summary>
    public int FirstEpoch => Checkpoint?.EpochsDone ?? 0;

    /// <summary>
    /// Loads the newest usable checkpoint of <paramref name="run"/> into <paramref name="model"/> and
    /// <paramref name="optimizers"/>; <paramref name="restore"/> reads the run's own state from it and throws
    /// <see cref="CheckpointStateException"/> when that state is unusable, so the previous checkpoint is tried. A new
    /// run records <paramref name="data"/> and the command that starts it (<see cref="RunDirectory.CommandArguments"/>)
    /// with its provenance. The caller has checked the record
    /// (<see cref="RunRecordCheck.Check"/>); a record of finished epochs of which no checkpoint loads is refused here.
    /// </summary>
    /// <exception cref="UserInputException">The run's record holds finished epochs but no checkpoint loads, or a
    /// checkpoint does not fit the network.</exception>
    public static RunStart<TEpoch> Open<TConfig>(RunDirectory run, TConfig config, int epochs,
        IReadOnlyList<TEpoch> metrics, nn.Module model, IReadOnlyDictionary<string, OptimizerHelper> optimizers,
        IRunProgress progress, Action<LoadedCheckpoint>? restore = null, Data.DataFingerprint? data = null)
    {
        Checkpoints.RemoveStalePartials(run.CheckpointsPath);
        var resumed = Checkpoints.LoadLatest(run.CheckpointsPath, model, optimizers, progress.Note, checkpoint =>
        {
            if (checkpoint.EpochsDone > epochs)
                throw new CheckpointStateException(
                    $"it records {checkpoint.EpochsDone} epochs done, more than the run's {epochs}");
            restore?.Invoke(checkpoint);
        });
        if (resumed is null)
        {
            if (Checkpoints.List(run.CheckpointsPath).Count > 0 || metrics.Count > 1)
                throw new UserInputException($"{run.Root}: no checkpoint can be continued from (each is named " +
                                             "above); the run is not started over on top of its record: start a new " +
                                             "run in another folder");
            var provenance = RunProvenance.Capture(run.CommandArguments)
                with { Data = data, RunId = Guid.NewGuid().ToString("N") };
            run.WriteConfig(config, provenance);
            return new RunStart<TEpoch>(null, []);
        }
        if (metrics.Count > resumed.EpochsDone + 1)
            progress.Note($"metrics.jsonl records epochs {resumed.EpochsDone + 1}-{metrics.Count} past the newest " +
                          $"usable checkpoint {Path.GetFileName(resumed.Folder)}; they run again");
        progress.Note(resumed.State.MidEpoch is { } mid
            ? $"resumed from {resumed.Folder} in epoch {resumed.EpochsDone + 1} after step {mid.Step}"
            : $"resumed from {resumed.Folder} after epoch {resumed.EpochsDone}");
        return new RunStart<TEpoch>(resumed, metrics.Take(resumed.EpochsDone).ToList());
    }
}
