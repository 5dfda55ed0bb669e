namespace VpDarts.Reporting;

/// <summary>What <see cref="ExperimentReport.Write"/> wrote.</summary>
/// <param name="ReportPath"><c>experiment.md</c>.</param>
/// <param name="Files">Every other file written (CSV, figures), absolute.</param>
/// <param name="Finished">Searches with a readable <c>result.json</c>.</param>
/// <param name="Total">Searches in the plan.</param>
/// <param name="Summary">A few plain lines with the headline numbers, for a terminal.</param>
public sealed record ExperimentReportOutput(string ReportPath, IReadOnlyList<string> Files, int Finished, int Total,
    IReadOnlyList<string> Summary);
