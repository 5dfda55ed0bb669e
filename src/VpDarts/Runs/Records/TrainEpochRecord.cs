namespace VpDarts.Runs;

/// <summary>One line of a training run's <c>metrics.jsonl</c>.</summary>
public sealed record TrainEpochRecord
{
    /// <summary>The epoch, counted from 0.</summary>
    public required int Epoch { get; init; }
    /// <summary>Learning rate at the epoch's first step.</summary>
    public double? Lr { get; init; }
    /// <summary>Mean loss of the epoch's steps.</summary>
    public double? TrainLoss { get; init; }
    /// <summary>Accuracy of the epoch's steps (%).</summary>
    public double? TrainAcc { get; init; }
    /// <summary>Images trained on.</summary>
    public long? Images { get; init; }
    /// <summary>Throughput of the epoch.</summary>
    [JsonPropertyName("images_per_s")]
    public double? ImagesPerSecond { get; init; }
    /// <summary>Seconds of the epoch.</summary>
    public double? Seconds { get; init; }

    /// <summary>The epoch as people count: from 1.</summary>
    [JsonIgnore]
    public int Number => Epoch + 1;
}
