namespace VpDarts.Runs;

/// <summary>
/// One line of a search's <c>metrics.jsonl</c>: an epoch's losses and accuracies, α and the edge weights after it,
/// the epoch-start decision, the cell it points to and where the time went. Every key but <c>epoch</c> may be null
/// (or absent, in files of other versions).
/// </summary>
public sealed record SearchEpochRecord : ICheckedRecord
{
    /// <summary>The epoch, counted from 0.</summary>
    public required int Epoch { get; init; }
    /// <summary><c>warm-up</c> or <c>search</c>.</summary>
    public string? Phase { get; init; }
    /// <summary>Weight learning rate of the epoch.</summary>
    public double? Lr { get; init; }
    /// <summary>Mean loss of the weight steps.</summary>
    public double? TrainLoss { get; init; }
    /// <summary>Accuracy of the weight steps (%).</summary>
    public double? TrainAcc { get; init; }
    /// <summary>Mean loss of the architecture steps; null when α did not train.</summary>
    public double? ValidLoss { get; init; }
    /// <summary>Accuracy of the architecture steps (%); null when α did not train.</summary>
    public double? ValidAcc { get; init; }
    /// <summary>α after the epoch.</summary>
    public double?[][]? Alpha { get; init; }
    /// <summary>The edge weights of the forward pass after the epoch (α, softmax(α) or masked α).</summary>
    public double?[][]? Weights { get; init; }
    /// <summary>See <see cref="EpochDecisionRecord.ImportanceCriterion"/>.</summary>
    public string? ImportanceCriterion { get; init; }
    /// <summary>See <see cref="EpochDecisionRecord.Importance"/>.</summary>
    public double?[][]? Importance { get; init; }
    /// <summary>See <see cref="EpochDecisionRecord.ImportanceEstimate"/>.</summary>
    public double?[][]? ImportanceEstimate { get; init; }
    /// <summary>See <see cref="EpochDecisionRecord.AblationBase"/>.</summary>
    public float? AblationBase { get; init; }
    /// <summary>See <see cref="EpochDecisionRecord.AblationImages"/>.</summary>
    public long? AblationImages { get; init; }
    /// <summary>See <see cref="EpochDecisionRecord.Kept"/>.</summary>
    public string? Kept { get; init; }
    /// <summary>See <see cref="EpochDecisionRecord.Pruned"/>.</summary>
    public IReadOnlyList<EdgeOp>? Pruned { get; init; }
    /// <summary>See <see cref="EpochDecisionRecord.DecayFactor"/>.</summary>
    public double? DecayFactor { get; init; }
    /// <summary>The cell the supernet points to after the epoch; null during warm-up.</summary>
    public string? Arch { get; init; }
    /// <summary>skip_connect edges of <see cref="Arch"/>.</summary>
    public int? SkipCount { get; init; }
    /// <summary>NB201 scores of <see cref="Arch"/>, when a table was given.</summary>
    public Nb201Record? Nb201 { get; init; }
    /// <summary>Images of the training steps (weight and architecture batches).</summary>
    public long? Images { get; init; }
    /// <summary>Throughput of the training steps.</summary>
    [JsonPropertyName("images_per_s")]
    public double? ImagesPerSecond { get; init; }
    /// <summary>Where the epoch's time went.</summary>
    public SearchEpochSeconds? Seconds { get; init; }

    /// <summary>The epoch as people count: from 1.</summary>
    [JsonIgnore]
    public int Number => Epoch + 1;

    /// <inheritdoc />
    public string? Problem() =>
        RunJson.MatrixProblem(nameof(Alpha), Alpha) ?? RunJson.MatrixProblem(nameof(Weights), Weights) ??
        RunJson.MatrixProblem(nameof(Importance), Importance) ??
        RunJson.MatrixProblem(nameof(ImportanceEstimate), ImportanceEstimate) ??
        (Pruned?.Where(p => !p.InRange).Select(p => (EdgeOp?)p).FirstOrDefault() is { } outside
            ? $"'{RunJson.Key(nameof(Pruned))}' has an [edge, op] pair out of range ({outside})"
            : null);

    /// <summary>This line with the fields of <paramref name="decision"/>.</summary>
    public SearchEpochRecord WithDecision(EpochDecisionRecord decision) => this with
    {
        ImportanceCriterion = decision.ImportanceCriterion,
        Importance = decision.Importance,
        ImportanceEstimate = decision.ImportanceEstimate,
        AblationBase = decision.AblationBase,
        AblationImages = decision.AblationImages,
        Kept = decision.Kept,
        Pruned = decision.Pruned,
        DecayFactor = decision.DecayFactor,
    };
}
