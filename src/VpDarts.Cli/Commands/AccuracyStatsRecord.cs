namespace VpDarts.Cli.Commands;

/// <summary>One data set's accuracies over the whole table (%), as <c>bench stats --json</c> prints them.</summary>
public sealed record AccuracyStatsRecord
{
    /// <summary>Mean over all cells.</summary>
    public required double Mean { get; init; }
    /// <summary>Population standard deviation over all cells.</summary>
    public required double Std { get; init; }
    /// <summary>The best cell's accuracy.</summary>
    public required double Best { get; init; }
    /// <summary>The best cell's arch string.</summary>
    public required string BestArch { get; init; }
}
