namespace VpDarts.Proxies;

/// <summary>
/// flops: multiply-adds of the conv and linear layers for one image of the batch's size (a baseline, as in
/// Abdelfattah et al., ICLR 2021): per conv, output elements × input channels per group × kernel area; per linear
/// layer, inputs × outputs.
/// </summary>
public sealed class FlopsProxy : IZeroCostProxy
{
    /// <inheritdoc />
    public string Name => "flops";

    /// <inheritdoc />
    public double Score(Func<ProxyNetwork> build, ProxyBatch batch)
    {
        using var scope = NewDisposeScope();
        using var network = build();
        var total = 0.0;
        var removals = new List<IDisposable>();
        foreach (var module in network.Module.modules())
        {
            if (module is Conv2d conv)
            {
                var perOutput = (double)conv.weight.shape[1] * conv.weight.shape[2] * conv.weight.shape[3];
                var handle = conv.register_forward_hook((_, _, output) =>
                {
                    total += output.numel() / output.shape[0] * perOutput;
                    return output;
                });
                removals.Add(new HookRemoval(handle.remove));
            }
            else if (module is Linear linear)
            {
                var handle = linear.register_forward_hook((_, _, output) =>
                {
                    total += (double)linear.weight.shape[0] * linear.weight.shape[1];
                    return output;
                });
                removals.Add(new HookRemoval(handle.remove));
            }
        }
        var shape = batch.Images.shape.ToArray();
        shape[0] = 2;  // batch statistics need more than one value per channel
        using (no_grad())
            network.Forward(torch.zeros(shape, batch.Images.dtype, batch.Images.device)).Dispose();
        removals.ForEach(r => r.Dispose());
        return total;
    }
}
