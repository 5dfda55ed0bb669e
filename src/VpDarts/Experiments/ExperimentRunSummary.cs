namespace VpDarts.Experiments;

/// <summary>What <see cref="ExperimentRunner.Run"/> did.</summary>
/// <param name="AlreadyFinished">Searches skipped because their run folder already held <c>result.json</c>.</param>
/// <param name="Finished">Searches that finished now.</param>
/// <param name="Failed">Searches that failed now, with a one-line reason each.</param>
public sealed record ExperimentRunSummary(
    IReadOnlyList<SearchSpec> AlreadyFinished,
    IReadOnlyList<SearchSpec> Finished,
    IReadOnlyList<(SearchSpec Spec, string Reason)> Failed);
