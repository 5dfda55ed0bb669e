using System.Text.Json.Serialization;

namespace VpDarts.Cli.Commands;

/// <summary>The table's statistics as <c>bench stats --json</c> prints them: one object, keyed by the CSV's column
/// names.</summary>
public sealed record BenchStatsRecord
{
    /// <summary>The table file.</summary>
    public required string Table { get; init; }
    /// <summary>Number of cells in the table.</summary>
    public required int Cells { get; init; }
    /// <summary>CIFAR-10 test accuracies.</summary>
    public required AccuracyStatsRecord Cifar10Test { get; init; }
    /// <summary>CIFAR-100 test accuracies.</summary>
    public required AccuracyStatsRecord Cifar100Test { get; init; }
    /// <summary>ImageNet16-120 test accuracies.</summary>
    [JsonPropertyName("imagenet16_120_test")]
    public required AccuracyStatsRecord ImageNet16_120Test { get; init; }
}
