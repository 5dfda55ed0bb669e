namespace VpDarts.Runs;

/// <summary>A checkpoint that verified and loaded.</summary>
/// <param name="EpochsDone">Epochs finished before it was written.</param>
/// <param name="State">The run's own state it records.</param>
/// <param name="Folder">Its folder.</param>
public sealed record LoadedCheckpoint(int EpochsDone, CheckpointState State, string Folder);
