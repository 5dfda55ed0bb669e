namespace VpDarts.Reporting;

/// <summary>What <see cref="RunReport.Write"/> produced.</summary>
/// <param name="ReportPath">Absolute path of <c>report.md</c>.</param>
/// <param name="Figures">Absolute paths of the PNG figures written, in report order.</param>
/// <param name="Skipped">Figures not drawn, each as <c>name: reason</c> (the report says the same).</param>
/// <param name="Finished">Whether the run had finished (its folder holds <c>result.json</c>).</param>
public sealed record RunReportOutput(string ReportPath, IReadOnlyList<string> Figures,
    IReadOnlyList<string> Skipped, bool Finished);
