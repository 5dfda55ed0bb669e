namespace VpDarts.Proxies;

/// <summary>snip (Lee et al., ICLR 2019, as a proxy in Abdelfattah et al., ICLR 2021): Σ |W ⊙ ∂L/∂W| over conv and
/// linear weights.</summary>
public sealed class SnipProxy : IZeroCostProxy
{
    /// <inheritdoc />
    public string Name => "snip";

    /// <inheritdoc />
    public double Score(Func<ProxyNetwork> build, ProxyBatch batch)
    {
        using var scope = NewDisposeScope();
        using var network = build();
        var gradients = ProxyMath.LayerGradients(network, batch);
        return network.LayerWeights.Zip(gradients, (w, g) => ProxyMath.Sum((w.detach() * g).abs())).Sum();
    }
}
