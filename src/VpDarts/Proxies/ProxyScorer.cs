using VpDarts.Models;
using VpDarts.SearchSpace;

namespace VpDarts.Proxies;

/// <summary>Scores cells with proxies: each cell's network initialised from one seed, the same batch for all.</summary>
public static class ProxyScorer
{
    /// <summary>
    /// Scores <paramref name="cell"/> with every proxy of <paramref name="proxies"/> on <paramref name="batch"/>, its
    /// network of <paramref name="shape"/> initialised from <paramref name="initSeed"/>; CPU seconds are the
    /// process's, so they count every thread the proxy used.
    /// </summary>
    public static CellProxyScores Score(Genotype cell, NetworkShape shape, long initSeed, ProxyBatch batch,
        IReadOnlyList<IZeroCostProxy> proxies)
    {
        var build = ProxyNetwork.Discrete(cell, shape, initSeed);
        var scores = new List<ProxyScore>(proxies.Count);
        using var process = Process.GetCurrentProcess();
        foreach (var proxy in proxies)
        {
            process.Refresh();
            var before = process.TotalProcessorTime;
            var score = proxy.Score(build, batch);
            process.Refresh();
            scores.Add(new ProxyScore(proxy.Name, score, (process.TotalProcessorTime - before).TotalSeconds));
        }
        return new CellProxyScores(cell, scores);
    }
}
