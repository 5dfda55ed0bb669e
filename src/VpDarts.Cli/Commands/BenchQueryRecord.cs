using System.Text.Json.Serialization;

namespace VpDarts.Cli.Commands;

/// <summary>
/// One cell as <c>bench query --json</c> prints it, one object per line, with the keys of a run's <c>nb201</c> record
/// (<c>cifar10_test</c>, <c>cifar10_percentile</c>, <c>cifar10_rank</c>) for every data set.
/// </summary>
public sealed record BenchQueryRecord
{
    /// <summary>The cell's NB201 arch string.</summary>
    public required string Arch { get; init; }
    /// <summary>vpdarts's index of the cell in 0..15624 (base 5, edge 0 most significant); not NB201's API
    /// index.</summary>
    public required int SpaceIndex { get; init; }
    /// <summary>Test accuracy on CIFAR-10 (%).</summary>
    public required double Cifar10Test { get; init; }
    /// <summary>Test accuracy on CIFAR-100 (%).</summary>
    public required double Cifar100Test { get; init; }
    /// <summary>Test accuracy on ImageNet16-120 (%).</summary>
    [JsonPropertyName("imagenet16_120_test")]
    public required double ImageNet16_120Test { get; init; }
    /// <summary>Share of cells scoring lower on CIFAR-10, ties counting half (%).</summary>
    public required double Cifar10Percentile { get; init; }
    /// <summary>Share of cells scoring lower on CIFAR-100, ties counting half (%).</summary>
    public required double Cifar100Percentile { get; init; }
    /// <summary>Share of cells scoring lower on ImageNet16-120, ties counting half (%).</summary>
    [JsonPropertyName("imagenet16_120_percentile")]
    public required double ImageNet16_120Percentile { get; init; }
    /// <summary>Rank on CIFAR-10, 1 = best.</summary>
    public required int Cifar10Rank { get; init; }
    /// <summary>Rank on CIFAR-100, 1 = best.</summary>
    public required int Cifar100Rank { get; init; }
    /// <summary>Rank on ImageNet16-120, 1 = best.</summary>
    [JsonPropertyName("imagenet16_120_rank")]
    public required int ImageNet16_120Rank { get; init; }
    /// <summary>Number of cells in the table the percentiles and ranks are among.</summary>
    public required int Cells { get; init; }
}
