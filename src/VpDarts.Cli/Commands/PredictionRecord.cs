namespace VpDarts.Cli.Commands;

/// <summary>One image as <c>predict --json</c> prints it, one object per line.</summary>
public sealed record PredictionRecord
{
    /// <summary>The image file as given.</summary>
    public required string File { get; init; }
    /// <summary>The most probable class.</summary>
    public required int ClassIndex { get; init; }
    /// <summary>Its name from <c>model.json</c>.</summary>
    public required string ClassName { get; init; }
    /// <summary>Its softmax probability (the network's float32 value, written so that it reads back exactly).</summary>
    public required double Probability { get; init; }
    /// <summary>Every class's probability, in class order.</summary>
    public required IReadOnlyList<ClassProbabilityRecord> Probabilities { get; init; }
}
