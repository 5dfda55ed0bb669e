namespace VpDarts.Diagnostics;

/// <summary>The outcome of one <c>vpdarts doctor</c> check: what was measured, in one line, and whether it
/// passed.</summary>
public sealed record CheckResult(string Name, bool Passed, string Detail);
