namespace VpDarts.Reporting;

/// <summary>
/// One proxy's agreement with NB201: Spearman ρ and Kendall τ-b over the cells with a finite score, its mean CPU
/// seconds per cell, and the ρ its paper reports, where there is one.
/// </summary>
public sealed record ProxyCorrelationRow(string Proxy, int Cells, double Rho, double Tau, double CpuSecondsPerCell,
    double? PublishedRho);
