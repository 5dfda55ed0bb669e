using VpDarts.Runtime;

namespace VpDarts.Proxies;

/// <summary>
/// grasp (Wang et al., ICLR 2020, as a proxy in Abdelfattah et al., ICLR 2021): −Σ W ⊙ (H g) over conv and linear
/// weights, g = ∂L/∂W and H the Hessian of L, H g by differentiating g · stop-gradient(g) once more.
/// </summary>
public sealed class GraspProxy : IZeroCostProxy
{
    /// <inheritdoc />
    public string Name => "grasp";

    /// <inheritdoc />
    public double Score(Func<ProxyNetwork> build, ProxyBatch batch)
    {
        using var scope = NewDisposeScope();
        using var network = build();
        var weights = network.LayerWeights;
        var fixedGradients = ProxyMath.LayerGradients(network, batch);
        using var loss = ProxyMath.Loss(network, batch);
        var gradients = torch.autograd.grad([loss], weights, retain_graph: true, create_graph: true);
        var product = gradients.Zip(fixedGradients, (g, f) => (g * f).sum()).Aggregate((a, b) => a.add(b, Scalars.One));
        var hessianGradient = torch.autograd.grad([product], weights);
        return -weights.Zip(hessianGradient, (w, hg) => ProxyMath.Sum(w.detach() * hg)).Sum();
    }
}
