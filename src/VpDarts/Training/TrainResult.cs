using VpDarts.SearchSpace;

namespace VpDarts.Training;

/// <summary>The outcome of a training run.</summary>
/// <param name="Arch">The cell trained.</param>
/// <param name="TestAccuracy">Top-1 accuracy on the test split, in percent.</param>
/// <param name="TestLoss">Mean cross-entropy on the test split.</param>
/// <param name="Parameters">Trainable values of the network.</param>
/// <param name="TrainSeconds">Time spent in training epochs, over every session of the run.</param>
/// <param name="RunDirectory">Absolute path of the run folder.</param>
/// <param name="ModelDirectory">Absolute path of the exported model folder.</param>
public sealed record TrainResult(Genotype Arch, double TestAccuracy, double TestLoss, long Parameters,
    double TrainSeconds, string RunDirectory, string ModelDirectory);
