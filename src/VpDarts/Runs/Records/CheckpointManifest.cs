using System.Text.Json.Nodes;

namespace VpDarts.Runs;

/// <summary>
/// A checkpoint's <c>state.json</c>: the layout version, the epochs done, the size and SHA-256 of each file of the
/// checkpoint (weights, optimiser states) and the run's own <see cref="CheckpointState"/>.
/// </summary>
public sealed record CheckpointManifest : ICheckedRecord
{
    /// <summary>The layout this code writes and reads.</summary>
    public const int CurrentFormat = 1;

    /// <summary>Version of the layout.</summary>
    public required int Format { get; init; }
    /// <summary>Epochs finished before the checkpoint.</summary>
    public required int EpochsDone { get; init; }
    /// <summary>File name → what it must be, in the order written.</summary>
    public required IReadOnlyDictionary<string, CheckpointFileEntry> Files { get; init; }
    /// <summary>The run's own state.</summary>
    public required CheckpointState State { get; init; }
    /// <summary>
    /// The settings the checkpoint was written under, as <c>config.json</c> holds them; null in checkpoints of earlier
    /// versions. A resume whose <c>config.json</c> says otherwise is refused.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public JsonObject? Settings { get; init; }

    /// <summary>The run id of the run that wrote it (its config.json's provenance); null in checkpoints of earlier
    /// versions.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? RunId { get; init; }
    /// <summary>The SHA-256 of the metrics lines of the epochs done (<see cref="RunRecordCheck.MetricsSha256"/>); null
    /// in checkpoints of earlier versions.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? MetricsSha256 { get; init; }

    /// <inheritdoc />
    public string? Problem()
    {
        if (Format != CurrentFormat) return $"'{RunJson.Key(nameof(Format))}' is not {CurrentFormat}";
        if (EpochsDone < 0) return $"'{RunJson.Key(nameof(EpochsDone))}' is not a count of epochs";
        foreach (var (file, entry) in Files)
        {
            if (entry is null) return $"the entry of {file} is not an object";
            if (entry.Size < 0) return $"the size of {file} is not a byte count";
            if (entry.Sha256.Length != 64 || !entry.Sha256.All(Uri.IsHexDigit))
                return $"the SHA-256 of {file} is not 64 hex digits";
        }
        return State.Strategy?.Problem();
    }
}
