using System.Text.Json.Serialization;

namespace VpDarts.Cli.Commands;

/// <summary>One cell as <c>proxies --json</c> prints it, one object per line.</summary>
public sealed record ProxyScoresRecord
{
    /// <summary>The cell's NB201 arch string.</summary>
    public required string Arch { get; init; }
    /// <summary>vpdarts's index of the cell in 0..15624.</summary>
    public required int SpaceIndex { get; init; }
    /// <summary>Each proxy's score, by name; null where it is not a finite number (JSON has no NaN or ∞).</summary>
    public required IReadOnlyDictionary<string, double?> Scores { get; init; }
    /// <summary>Each proxy's CPU seconds, by name.</summary>
    public required IReadOnlyDictionary<string, double> CpuSeconds { get; init; }
    /// <summary>NB201 test accuracy on CIFAR-10 (%), when a table was given.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? Cifar10Test { get; init; }
    /// <summary>NB201 test accuracy on CIFAR-100 (%), when a table was given.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? Cifar100Test { get; init; }
    /// <summary>NB201 test accuracy on ImageNet16-120 (%), when a table was given.</summary>
    [JsonPropertyName("imagenet16_120_test"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? ImageNet16_120Test { get; init; }
}
