using System.Text.Json.Nodes;

namespace VpDarts.Search;

/// <summary>Running sums of an epoch's steps; saved with a mid-epoch checkpoint so a resumed epoch reports the same totals.</summary>
public sealed class EpochAccumulator
{
    /// <summary>Σ loss × images over weight steps.</summary>
    public double TrainLoss { get; set; }
    /// <summary>Correct predictions in weight steps.</summary>
    public long TrainCorrect { get; set; }
    /// <summary>Images in weight steps.</summary>
    public long TrainSeen { get; set; }
    /// <summary>Σ loss × images over architecture steps.</summary>
    public double ValidLoss { get; set; }
    /// <summary>Correct predictions in architecture steps.</summary>
    public long ValidCorrect { get; set; }
    /// <summary>Images in architecture steps.</summary>
    public long ValidSeen { get; set; }
    /// <summary>Training seconds spent before the current process took over.</summary>
    public double PriorSeconds { get; set; }

    /// <summary>The epoch's averages.</summary>
    public SearchRun.EpochStats ToStats(double seconds) => new(
        TrainLoss / TrainSeen, 100.0 * TrainCorrect / TrainSeen,
        ValidSeen > 0 ? ValidLoss / ValidSeen : null, ValidSeen > 0 ? 100.0 * ValidCorrect / ValidSeen : null,
        TrainSeen + ValidSeen, PriorSeconds + seconds);

    /// <summary>For a checkpoint.</summary>
    public JsonObject ToJson(double seconds) => new()
    {
        ["train_loss"] = TrainLoss, ["train_correct"] = TrainCorrect, ["train_seen"] = TrainSeen,
        ["valid_loss"] = ValidLoss, ["valid_correct"] = ValidCorrect, ["valid_seen"] = ValidSeen,
        ["seconds"] = PriorSeconds + seconds,
    };

    /// <summary>From a checkpoint.</summary>
    public static EpochAccumulator FromJson(JsonObject json) => new()
    {
        TrainLoss = json["train_loss"]!.GetValue<double>(), TrainCorrect = json["train_correct"]!.GetValue<long>(),
        TrainSeen = json["train_seen"]!.GetValue<long>(), ValidLoss = json["valid_loss"]!.GetValue<double>(),
        ValidCorrect = json["valid_correct"]!.GetValue<long>(), ValidSeen = json["valid_seen"]!.GetValue<long>(),
        PriorSeconds = json["seconds"]!.GetValue<double>(),
    };
}
