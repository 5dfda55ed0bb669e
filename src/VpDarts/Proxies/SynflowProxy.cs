using VpDarts.Runtime;

namespace VpDarts.Proxies;

/// <summary>
/// synflow (Tanaka et al., NeurIPS 2020, as a proxy in Abdelfattah et al., ICLR 2021): every weight replaced by its
/// magnitude, batch norm removed, in double precision; R = Σ of the logits of one all-ones image;
/// score Σ |W ⊙ ∂R/∂W| over conv and linear weights. Batch norm is removed by making it the identity: evaluation
/// mode on mean 0, variance 1 − ε, scale 1 and shift 0.
/// </summary>
public sealed class SynflowProxy : IZeroCostProxy
{
    /// <inheritdoc />
    public string Name => "synflow";

    /// <inheritdoc />
    public double Score(Func<ProxyNetwork> build, ProxyBatch batch)
    {
        using var scope = NewDisposeScope();
        using var network = build();
        network.Module.to(ScalarType.Float64);
        using (no_grad())
        {
            foreach (var parameter in network.Module.parameters()) parameter.abs_();
            foreach (var norm in network.Module.modules().OfType<Models.BatchNorm>()) MakeIdentity(norm);
        }
        network.Module.eval();
        var shape = batch.Images.shape.ToArray();
        shape[0] = 1;
        using var ones = torch.ones(shape, ScalarType.Float64);
        using var output = network.Forward(ones);
        var weights = network.LayerWeights;
        var gradients = torch.autograd.grad([output.sum()], weights);
        return weights.Zip(gradients, (w, g) => ProxyMath.Sum((w.detach() * g).abs())).Sum();
    }

    private static void MakeIdentity(Models.BatchNorm norm)
    {
        using var variance = (1 - Models.BatchNorm.Epsilon).ToScalar();
        norm.running_mean.zero_();
        norm.running_var.fill_(variance);
        norm.weight?.fill_(Scalars.One);
        norm.bias?.zero_();
    }
}
