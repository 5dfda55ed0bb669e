namespace VpDarts.Runs;

/// <summary>A finished training run's <c>result.json</c>: the test result, the exported model and the
/// settings.</summary>
public sealed record TrainResultRecord
{
    /// <summary>The cell trained, as an arch string.</summary>
    public string? Arch { get; init; }
    /// <summary>The dataset spec trained on.</summary>
    public string? Dataset { get; init; }
    /// <summary>Top-1 accuracy on the test split (%).</summary>
    public double? TestAcc { get; init; }
    /// <summary>Mean cross-entropy on the test split.</summary>
    public double? TestLoss { get; init; }
    /// <summary>Images of the test split.</summary>
    public long? TestImages { get; init; }
    /// <summary>Images of the training split.</summary>
    public long? TrainImages { get; init; }
    /// <summary>Trainable values of the network.</summary>
    [JsonPropertyName("params")]
    public long? Parameters { get; init; }
    /// <summary>Training epochs.</summary>
    public int? Epochs { get; init; }
    /// <summary>Seconds of the training epochs, over every session of the run.</summary>
    public double? TrainSeconds { get; init; }
    /// <summary>Seconds of the test evaluation.</summary>
    public double? EvalSeconds { get; init; }
    /// <summary>The exported model's folder, relative to the run folder.</summary>
    public string? Model { get; init; }
    /// <summary>The run's settings.</summary>
    public TrainConfig? Settings { get; init; }
    /// <summary>The run id of the run that wrote it (config.json's provenance); null in runs of earlier
    /// versions.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? RunId { get; init; }
    /// <summary>The SHA-256 of the run's metrics lines (<see cref="RunRecordCheck.MetricsSha256"/>); null in runs of
    /// earlier versions.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? MetricsSha256 { get; init; }
}
