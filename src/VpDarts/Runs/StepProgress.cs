namespace VpDarts.Runs;

/// <summary>One training step as reported to the progress display.</summary>
public sealed record StepProgress(
    string Phase, int Epoch, int Epochs, int Step, int Steps, double ImagesPerSecond, double Loss, double Accuracy, TimeSpan Eta);
