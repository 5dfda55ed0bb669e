namespace VpDarts.Reporting;

/// <summary>A figure's file name (relative to <c>figures/</c>), its title, caption, and why it was skipped (null when
/// written).</summary>
internal sealed record FigureOutcome(string File, string Title, string Caption, string? SkipReason);
