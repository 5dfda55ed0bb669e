namespace VpDarts.Runs;

/// <summary>A checkpoint's files verify but the run state it records cannot be used; the previous checkpoint is
/// tried.</summary>
public sealed class CheckpointStateException(string message) : Exception(message);
