namespace VpDarts.Proxies;

/// <summary>
/// fisher (Theis et al., 2018; Turner et al., ICLR 2020; as a proxy in Abdelfattah et al., ICLR 2021): for the output
/// a of every conv and linear layer and its gradient ∂L/∂a, per channel c: ½ · mean over images of
/// (Σ over positions a ⊙ ∂L/∂a)². As in the authors' code, which spreads each channel's value over the weights that
/// make the channel and sums per weight, the score is Σ over layers and channels of that value × the layer's weights
/// per output channel (input channels × kernel area, or inputs for the linear layer).
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
        var weightsPerChannel = new List<long>();
        var hooks = new List<IDisposable>();
        foreach (var module in network.Module.modules())
        {
            if (module is Conv2d conv) hooks.Add(Keep(conv, conv.weight, activations, weightsPerChannel));
            else if (module is Linear linear) hooks.Add(Keep(linear, linear.weight, activations, weightsPerChannel));
        }
        try
        {
            Tensor loss;
            try
            {
                loss = ProxyMath.Loss(network, batch);
            }
            finally
            {
                foreach (var hook in hooks) hook.Dispose();
            }
            var gradients = ProxyMath.Gradients(loss, activations);
            var score = 0.0;
            for (var i = 0; i < activations.Count; i++)
            {
                using var inner = NewDisposeScope();
                var product = activations[i].detach().mul(gradients[i]).to(ScalarType.Float64);
                if (product.dim() == 4) product = product.sum([2, 3]);
                score += 0.5 * weightsPerChannel[i] * product.mul(product).mean([0]).sum().item<double>();
            }
            return score;
        }
        finally
        {
            foreach (var activation in activations) activation.Dispose();  // kept outside the blocks' scopes
        }
    }

    private static IDisposable Keep(nn.Module<Tensor, Tensor> layer, Tensor weight, List<Tensor> activations,
        List<long> weightsPerChannel)
    {
        var perChannel = weight.numel() / weight.shape[0];
        var handle = layer.register_forward_hook((_, _, output) =>
        {
            activations.Add(output.alias().DetachFromDisposeScope());
            weightsPerChannel.Add(perChannel);
            return output;
        });
        return new HookRemoval(handle.remove);
    }
}
