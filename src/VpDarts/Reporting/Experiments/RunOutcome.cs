using VpDarts.Benchmark;
using VpDarts.Experiments;
using VpDarts.SearchSpace;

namespace VpDarts.Reporting;

/// <summary>What one search of an experiment left in its run folder.</summary>
/// <param name="Spec">The search.</param>
/// <param name="State">How far it got.</param>
/// <param name="EpochsDone">Metrics lines written.</param>
/// <param name="Arch">The found cell (finished runs).</param>
/// <param name="Scores">Its NB201 accuracies: from the table when one is given, else from <c>result.json</c>.</param>
/// <param name="SearchSeconds">Wall-clock search time (<c>search_seconds</c>).</param>
/// <param name="FinalImportance">The final selection's importance measure per (edge, op), if the method computed
/// one.</param>
/// <param name="FinalImportanceCriterion">Which criterion <paramref name="FinalImportance"/> holds (valid-accuracy,
/// …).</param>
/// <param name="FinalAlpha">α after the last epoch (the last metrics line).</param>
/// <param name="Problem">Why an unreadable run could not be read, or why a failed search failed (when
/// recorded).</param>
/// <param name="CpuSeconds">CPU seconds of the search (<c>cpu_seconds</c>), when recorded.</param>
public sealed record RunOutcome(
    SearchSpec Spec,
    RunState State,
    int EpochsDone,
    Genotype? Arch = null,
    Nb201Scores? Scores = null,
    double? SearchSeconds = null,
    double[,]? FinalImportance = null,
    string? FinalImportanceCriterion = null,
    double[,]? FinalAlpha = null,
    string? Problem = null,
    double? CpuSeconds = null);
