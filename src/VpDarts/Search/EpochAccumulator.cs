using VpDarts.Runs;

namespace VpDarts.Search;

/// <summary>
/// Running sums of an epoch's steps; saved with a mid-epoch checkpoint so a resumed epoch reports the same totals.
/// </summary>
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
    public EpochStats ToStats(double seconds) => new(
        TrainLoss / TrainSeen, 100.0 * TrainCorrect / TrainSeen,
        ValidSeen > 0 ? ValidLoss / ValidSeen : null, ValidSeen > 0 ? 100.0 * ValidCorrect / ValidSeen : null,
        TrainSeen + ValidSeen, PriorSeconds + seconds);

    /// <summary>The sums for a checkpoint, with <paramref name="seconds"/> of this session added.</summary>
    public EpochSums ToSums(double seconds) => new()
    {
        TrainLoss = TrainLoss, TrainCorrect = TrainCorrect, TrainSeen = TrainSeen,
        ValidLoss = ValidLoss, ValidCorrect = ValidCorrect, ValidSeen = ValidSeen,
        Seconds = PriorSeconds + seconds,
    };

    /// <summary>The sums a checkpoint kept.</summary>
    public static EpochAccumulator FromSums(EpochSums sums) => new()
    {
        TrainLoss = sums.TrainLoss, TrainCorrect = sums.TrainCorrect, TrainSeen = sums.TrainSeen,
        ValidLoss = sums.ValidLoss, ValidCorrect = sums.ValidCorrect, ValidSeen = sums.ValidSeen,
        PriorSeconds = sums.Seconds,
    };
}
