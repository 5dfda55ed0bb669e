namespace VpDarts.Reporting;

/// <summary>One line of a training run's <c>metrics.jsonl</c>.</summary>
internal sealed record TrainEpoch(int Epoch, double? Lr, double? TrainLoss, double? TrainAcc, double? ImagesPerSecond, double? Seconds)
{
    public int Number => Epoch + 1;
}
