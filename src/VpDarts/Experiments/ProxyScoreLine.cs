namespace VpDarts.Experiments;

/// <summary>One line of an experiment's scores.jsonl: a cell, each proxy's score and CPU seconds.</summary>
public sealed record ProxyScoreLine
{
    /// <summary>The cell's position in the sample (0-based).</summary>
    public required int Position { get; init; }
    /// <summary>The cell's NB201 arch string.</summary>
    public required string Arch { get; init; }
    /// <summary>Each proxy's score, by name (NaN and ±∞ written as JSON's named literals).</summary>
    public required IReadOnlyDictionary<string, double> Scores { get; init; }
    /// <summary>Each proxy's CPU seconds, by name.</summary>
    public required IReadOnlyDictionary<string, double> CpuSeconds { get; init; }
}
