namespace VpDarts.Proxies;

/// <summary>
/// fisher (Theis et al., 2018; Turner et al., ICLR 2020; as a proxy in Abdelfattah et al., ICLR 2021): for the output
/// a of every conv and linear layer and its gradient ∂L/∂a, per channel c: ½ · mean over images of
/// (Σ over positions a ⊙ ∂L/∂a)²; the score sums it over channels and layers.
/// </summary>
public sealed class FisherProxy : IZeroCostProxy
{
    /// <inheritdoc />
    public string Name => "fisher";

    /// <inheritdoc />
    public double Score(Func<ProxyNetwork> build, ProxyBatch batch)
    {
        using var scope = NewDisposeScope();
        using var network = build();
        var activations = new List<Tensor>();
        var hooks = new List<IDisposable>();
        foreach (var module in network.Module.modules())
        {
            if (module is Conv2d conv) hooks.Add(Keep(conv, activations));
            else if (module is Linear linear) hooks.Add(Keep(linear, activations));
        }
        Tensor loss;
        try
        {
            loss = ProxyMath.Loss(network, batch);
        }
        finally
        {
            foreach (var hook in hooks) hook.Dispose();
        }
        var gradients = torch.autograd.grad([loss], activations);
        var score = 0.0;
        foreach (var (a, g) in activations.Zip(gradients))
        {
            using var inner = NewDisposeScope();
            var product = (a.detach() * g).to(ScalarType.Float64);
            if (product.dim() == 4) product = product.sum([2, 3]);
            score += 0.5 * product.mul(product).mean([0]).sum().item<double>();
        }
        return score;
    }

    private static IDisposable Keep(nn.Module<Tensor, Tensor> layer, List<Tensor> activations)
    {
        var handle = layer.register_forward_hook((_, _, output) =>
        {
            activations.Add(output.alias().DetachFromDisposeScope().MoveToOuterDisposeScope());
            return output;
        });
        return new HookRemoval(handle.remove);
    }
}
