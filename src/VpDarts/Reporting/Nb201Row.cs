using VpDarts.Benchmark;

namespace VpDarts.Reporting;

/// <summary>One data set's NB201 score of a cell, with its percentile and rank when known.</summary>
internal sealed record Nb201Row(Nb201Dataset Dataset, double? Accuracy, double? Percentile, int? Rank, int? Of);
