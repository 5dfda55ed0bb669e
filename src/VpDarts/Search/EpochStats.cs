namespace VpDarts.Search;

/// <summary>Averages of one epoch's steps.</summary>
public sealed record EpochStats(
    double TrainLoss, double TrainAccuracy, double? ValidLoss, double? ValidAccuracy, long Images, double Seconds);
