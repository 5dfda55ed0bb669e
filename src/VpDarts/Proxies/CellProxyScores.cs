using VpDarts.SearchSpace;

namespace VpDarts.Proxies;

/// <summary>Every asked proxy's score of one cell, in the order asked.</summary>
public sealed record CellProxyScores(Genotype Cell, IReadOnlyList<ProxyScore> Scores)
{
    /// <summary>The score of the proxy named <paramref name="proxy"/>.</summary>
    public double this[string proxy] => Scores.Single(s => s.Proxy == proxy).Score;
}
