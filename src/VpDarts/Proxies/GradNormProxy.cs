namespace VpDarts.Proxies;

/// <summary>grad_norm (Abdelfattah et al., ICLR 2021): Σ over conv and linear layers of ‖∂L/∂W‖₂.</summary>
public sealed class GradNormProxy : IZeroCostProxy
{
    /// <inheritdoc />
    public string Name => "grad_norm";

    /// <inheritdoc />
    public double Score(Func<ProxyNetwork> build, ProxyBatch batch)
    {
        using var scope = NewDisposeScope();
        using var network = build();
        return ProxyMath.LayerGradients(network, batch).Sum(ProxyMath.Norm);
    }
}
