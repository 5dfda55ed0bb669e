namespace VpDarts.Runs;

/// <summary>What a checkpoint manifest records of one of its files, to verify it before loading.</summary>
public sealed record CheckpointFileEntry
{
    /// <summary>Length in bytes.</summary>
    public required long Size { get; init; }
    /// <summary>SHA-256 of the content, 64 lower-case hex digits.</summary>
    public required string Sha256 { get; init; }
}
