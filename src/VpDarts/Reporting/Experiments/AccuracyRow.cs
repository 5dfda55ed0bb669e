using VpDarts.Benchmark;

namespace VpDarts.Reporting;

/// <summary>One row of an accuracy table: a variant (or a reference) with its statistics per NB201 data set.</summary>
/// <param name="Key">Machine name (variant name, <c>random-cell</c>, <c>optimum</c>).</param>
/// <param name="Label">Row label.</param>
/// <param name="Accuracy">Statistics per data set, in <see cref="Nb201Datasets.All"/> order.</param>
/// <param name="SearchHours">Mean search time in hours; null for reference rows.</param>
/// <param name="Paper">The paper's CIFAR-10 test result for the row, if any.</param>
/// <param name="CpuMinutes">Mean CPU minutes per search over the seeds that recorded it; null when none did.</param>
public sealed record AccuracyRow(string Key, string Label, IReadOnlyList<SummaryStats> Accuracy, double? SearchHours,
    string? Paper, double? CpuMinutes = null);
