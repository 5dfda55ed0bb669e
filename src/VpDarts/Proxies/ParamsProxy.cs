namespace VpDarts.Proxies;

/// <summary>params: the number of trainable parameters (a baseline, as in Abdelfattah et al., ICLR 2021).</summary>
public sealed class ParamsProxy : IZeroCostProxy
{
    /// <inheritdoc />
    public string Name => "params";

    /// <inheritdoc />
    public double Score(Func<ProxyNetwork> build, ProxyBatch batch)
    {
        using var network = build();
        return network.Module.parameters().Where(p => p.requires_grad).Sum(p => (double)p.numel());
    }
}
