namespace VpDarts.Runs;

/// <summary>
/// A cell's NAS-Bench-201 scores as metrics lines and results carry them (<c>nb201</c>): the 200-epoch test accuracies
/// in % and the cell's CIFAR-10 percentile and rank among all cells of the table.
/// </summary>
public sealed record Nb201Record
{
    /// <summary>Test accuracy on CIFAR-10 (%).</summary>
    public double? Cifar10Test { get; init; }
    /// <summary>Test accuracy on CIFAR-100 (%).</summary>
    public double? Cifar100Test { get; init; }
    /// <summary>Test accuracy on ImageNet16-120 (%).</summary>
    [JsonPropertyName("imagenet16_120_test")]
    public double? ImageNet16_120Test { get; init; }
    /// <summary>Share of cells scoring lower on CIFAR-10, ties counting half (%).</summary>
    public double? Cifar10Percentile { get; init; }
    /// <summary>Rank on CIFAR-10, 1 = best.</summary>
    public int? Cifar10Rank { get; init; }
}
