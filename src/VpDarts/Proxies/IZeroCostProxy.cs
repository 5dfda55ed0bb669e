namespace VpDarts.Proxies;

/// <summary>
/// A zero-cost proxy: a score of an untrained network from one batch (or a few), higher meaning a better predicted
/// accuracy after training. docs/PROXIES.md gives each one's formula and source.
/// </summary>
public interface IZeroCostProxy
{
    /// <summary>The proxy's name as the literature writes it (<c>grad_norm</c>, <c>snip</c>, …).</summary>
    string Name { get; }

    /// <summary>Scores the network that <paramref name="build"/> makes (one fresh copy or more) on
    /// <paramref name="batch"/>.</summary>
    double Score(Func<ProxyNetwork> build, ProxyBatch batch);
}
