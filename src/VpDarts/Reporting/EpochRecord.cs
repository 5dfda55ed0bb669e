using System.Text.Json.Nodes;

namespace VpDarts.Reporting;

/// <summary>One line of <c>metrics.jsonl</c>, typed.</summary>
internal sealed record EpochRecord
{
    public required int Epoch { get; init; }
    public string? Phase { get; init; }
    public double? Lr { get; init; }
    public double? TrainLoss { get; init; }
    public double? TrainAcc { get; init; }
    public double? ValidLoss { get; init; }
    public double? ValidAcc { get; init; }
    public double[,]? Alpha { get; init; }
    public string? ImportanceCriterion { get; init; }
    public double[,]? Importance { get; init; }
    public string? Kept { get; init; }
    public IReadOnlyList<(int Edge, int Op)>? Pruned { get; init; }
    public double? DecayFactor { get; init; }
    public string? Arch { get; init; }
    public int? SkipCount { get; init; }
    public JsonObject? Nb201 { get; init; }
    public double? Images { get; init; }
    public double? ImagesPerSecond { get; init; }
    public double? AblationSeconds { get; init; }
    public double? TrainSeconds { get; init; }
    public double? TotalSeconds { get; init; }

    /// <summary>Epoch number as people count: 1-based.</summary>
    public int Number => Epoch + 1;

    public static EpochRecord From(JsonFields f)
    {
        var seconds = f.Fields("seconds");
        return new EpochRecord
        {
            Epoch = f.Integer("epoch") ?? throw f.Error("epoch", "is missing"),
            Phase = f.Text("phase"),
            Lr = f.Number("lr"),
            TrainLoss = f.Number("train_loss"),
            TrainAcc = f.Number("train_acc"),
            ValidLoss = f.Number("valid_loss"),
            ValidAcc = f.Number("valid_acc"),
            Alpha = f.EdgeMatrix("alpha"),
            ImportanceCriterion = f.Text("importance_criterion"),
            Importance = f.EdgeMatrix("importance"),
            Kept = f.Text("kept"),
            Pruned = f.Pairs("pruned"),
            DecayFactor = f.Number("decay_factor"),
            Arch = f.Text("arch"),
            SkipCount = f.Integer("skip_count"),
            Nb201 = f.Child("nb201"),
            Images = f.Number("images"),
            ImagesPerSecond = f.Number("images_per_s"),
            AblationSeconds = seconds?.Number("ablation"),
            TrainSeconds = seconds?.Number("train"),
            TotalSeconds = seconds?.Number("total"),
        };
    }
}
