namespace VpDarts.Cli.Commands;

/// <summary>One class's probability in a <see cref="PredictionRecord"/>.</summary>
public sealed record ClassProbabilityRecord
{
    /// <summary>The class's name from <c>model.json</c>.</summary>
    public required string ClassName { get; init; }
    /// <summary>Its softmax probability.</summary>
    public required double Probability { get; init; }
}
