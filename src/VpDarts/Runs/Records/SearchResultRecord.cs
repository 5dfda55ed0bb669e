namespace VpDarts.Runs;

/// <summary>
/// A finished search's <c>result.json</c>: the chosen cell, the run's identity, the cell's NB201 scores and the
/// evidence of the final selection.
/// </summary>
public sealed record SearchResultRecord : ICheckedRecord
{
    /// <summary>The chosen cell, as an arch string.</summary>
    public string? Arch { get; init; }
    /// <summary>The search method, as the settings name it.</summary>
    public string? Method { get; init; }
    /// <summary>VP-DARTS pruning strength; null for the other methods.</summary>
    public string? K { get; init; }
    /// <summary>The dataset spec searched on.</summary>
    public string? Dataset { get; init; }
    /// <summary>The run's seed.</summary>
    public int? Seed { get; init; }
    /// <summary>Epochs of the search, warm-up included.</summary>
    public int? Epochs { get; init; }
    /// <summary>skip_connect edges of <see cref="Arch"/>.</summary>
    public int? SkipCount { get; init; }
    /// <summary>NB201 scores of <see cref="Arch"/>, when a table was given.</summary>
    public Nb201Record? Nb201 { get; init; }
    /// <summary>The criterion of the final selection; null when the method chose by α alone.</summary>
    public string? FinalImportanceCriterion { get; init; }
    /// <summary>The final selection's measure per (edge, op).</summary>
    public double?[][]? FinalImportance { get; init; }
    /// <summary>The cell each final-choice rule picks from the same evidence (VP-DARTS: last-ablation, accumulated);
    /// the run uses <c>final_choice</c>'s.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Dictionary<string, string>? ArchByRule { get; init; }
    /// <summary>Seconds of the whole search, over every session of the run.</summary>
    public double? SearchSeconds { get; init; }
    /// <summary>
    /// CPU seconds the search process spent on the search, all threads together; null when the run was resumed
    /// (earlier sessions' CPU time is not recorded) or written by an older version.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? CpuSeconds { get; init; }
    /// <summary>Where the time went.</summary>
    public SearchResultSeconds? Seconds { get; init; }

    /// <inheritdoc />
    public string? Problem() => RunJson.MatrixProblem(nameof(FinalImportance), FinalImportance);
    /// <summary>The run id of the run that wrote it (config.json's provenance); null in runs of earlier
    /// versions.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? RunId { get; init; }
    /// <summary>The SHA-256 of the run's metrics lines (<see cref="RunRecordCheck.MetricsSha256"/>); null in runs of
    /// earlier versions.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? MetricsSha256 { get; init; }
}
