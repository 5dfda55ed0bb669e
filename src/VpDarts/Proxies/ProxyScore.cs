namespace VpDarts.Proxies;

/// <summary>One proxy's score of a cell and the CPU seconds it took.</summary>
public sealed record ProxyScore(string Proxy, double Score, double CpuSeconds);
