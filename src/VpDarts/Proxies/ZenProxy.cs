using VpDarts.Models;
using VpDarts.Runtime;

namespace VpDarts.Proxies;

/// <summary>
/// zen (Zen-NAS: Lin et al., ICCV 2021): with every conv and linear weight drawn from N(0, 1) (biases 0, batch-norm
/// scale 1 and shift 0), Gaussian images x and ε of the batch's shape and type and α = 0.01, the score is
/// log(mean over images of Σ |f(x) − f(x + αε)|) + Σ over batch norms of log √(mean over channels of σ²), f being the
/// features before global pooling and σ² each batch norm's batch variance in the pass on x. The absolute sum follows
/// the authors' code (the paper writes the Frobenius norm); the images of the batch give only their shape and type.
/// </summary>
public sealed class ZenProxy : IZeroCostProxy
{
    private const double Alpha = 0.01;

    /// <inheritdoc />
    public string Name => "zen";

    /// <inheritdoc />
    public double Score(Func<ProxyNetwork> build, ProxyBatch batch)
    {
        using var scope = NewDisposeScope();
        using var network = build();
        using var _ = no_grad();
        foreach (var module in network.Module.modules())
        {
            if (module is Conv2d conv) Gaussian(conv.weight, conv.bias);
            else if (module is Linear linear) Gaussian(linear.weight, linear.bias);
            else if (module is Models.BatchNorm norm)
            {
                norm.weight?.fill_(Scalars.One);
                norm.bias?.zero_();
            }
        }
        var x = torch.randn(batch.Images.shape, batch.Images.dtype, batch.Images.device);
        using var alpha = Alpha.ToScalar();
        var mixed = torch.randn(batch.Images.shape, batch.Images.dtype, batch.Images.device).mul_(alpha)
            .add_(x, Scalars.One);
        var logScale = 0.0;
        var features = new List<Tensor>();
        using (Observe(network.Module, input => logScale += LogStd(input), features))
            network.Forward(x).Dispose();
        using (Observe(network.Module, null, features))
            network.Forward(mixed).Dispose();
        var difference = (features[0] - features[1]).abs().to(ScalarType.Float64).sum([1, 2, 3]).mean();
        return Math.Log(difference.item<double>()) + logScale;
    }

    private static void Gaussian(Tensor? weight, Tensor? bias)
    {
        weight?.normal_();
        bias?.zero_();
    }

    private static double LogStd(Tensor input)
    {
        using var scope = NewDisposeScope();
        var variance = input.to(ScalarType.Float64).var([0, 2, 3], unbiased: false);
        return Math.Log(Math.Sqrt(variance.mean().item<double>()));
    }

    /// <summary>Shows <paramref name="onNorm"/> each batch norm's input; keeps the features before pooling.</summary>
    private static IDisposable Observe(nn.Module network, Action<Tensor>? onNorm, List<Tensor> features)
    {
        var removals = new List<IDisposable>();
        foreach (var module in network.modules())
        {
            if (onNorm is not null && module is Models.BatchNorm norm)
            {
                var handle = norm.register_forward_pre_hook((_, input) =>
                {
                    onNorm(input);
                    return input;
                });
                removals.Add(new HookRemoval(handle.remove));
            }
            else if (module is LastAct last)
            {
                var handle = last.register_forward_hook((_, _, output) =>
                {
                    features.Add(output.clone().DetachFromDisposeScope());
                    return output;
                });
                removals.Add(new HookRemoval(handle.remove));
            }
        }
        return new HookRemoval(() => removals.ForEach(r => r.Dispose()));
    }
}
