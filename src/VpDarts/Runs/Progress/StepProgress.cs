namespace VpDarts.Runs;

/// <summary>One training step as reported to the progress display.</summary>
/// <param name="Phase">The phase, e.g. <c>search</c>, <c>warm-up</c> or <c>train</c>.</param>
/// <param name="Epoch">The epoch (0-based).</param>
/// <param name="Epochs">The run's epochs.</param>
/// <param name="Step">Steps of the epoch done.</param>
/// <param name="Steps">Steps the epoch has.</param>
/// <param name="ImagesPerSecond">Images per second so far in this epoch.</param>
/// <param name="Loss">Mean training loss so far in this epoch.</param>
/// <param name="Accuracy">Training accuracy (%) so far in this epoch.</param>
/// <param name="Eta">Time left for the whole run; null while it cannot be estimated yet.</param>
public sealed record StepProgress(
    string Phase, int Epoch, int Epochs, int Step, int Steps, double ImagesPerSecond, double Loss,
    double Accuracy, TimeSpan? Eta);
