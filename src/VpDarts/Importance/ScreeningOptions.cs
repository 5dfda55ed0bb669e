namespace VpDarts.Importance;

/// <summary>Settings of <see cref="ScreeningImportance"/>.</summary>
public sealed record ScreeningOptions
{
    /// <summary>Candidates per edge (highest estimated loss increase first) verified by an exact ablation, 1–5.</summary>
    public int Keep { get; init; } = 2;
}
