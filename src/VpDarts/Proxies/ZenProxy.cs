using VpDarts.Models;
using VpDarts.Runtime;

namespace VpDarts.Proxies;

/// <summary>
/// zen (Zen-NAS: Lin et al., ICCV 2021): with every conv and linear weight drawn from N(0, 1) (biases 0, batch-norm
/// scale 1 and shift 0), Gaussian images x and ε of the batch's shape and α = 0.01, the score is
/// log(mean over images of Σ |f(x) − f(x + αε)|) + Σ over batch norms of log √(mean over channels of σ²), f being the
/// features before global pooling. As in the authors' code, the sum is of absolute values (the paper writes the
/// Frobenius norm) and σ² is each batch norm's running variance after the passes on x and on x + αε in training mode
/// (momentum 0.1 from 1), which stays positive where a cell's node is zero and its batch variance would be. The
/// images of the batch give only their shape and type.
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
        var mixed = x.add(torch.randn(batch.Images.shape, batch.Images.dtype, batch.Images.device), alpha);
        var features = new List<Tensor>();
        try
        {
            using (Observe(network.Module, features))
            {
                network.Forward(x).Dispose();
                network.Forward(mixed).Dispose();
            }
            var logScale = network.Module.modules().OfType<Models.BatchNorm>().Sum(norm => LogStd(norm.running_var));
            var difference = features[0].add(features[1], Scalars.MinusOne).abs().to(ScalarType.Float64)
                .sum([1, 2, 3]).mean();
            return Math.Log(difference.item<double>()) + logScale;
        }
        finally
        {
            foreach (var feature in features) feature.Dispose();  // kept outside the blocks' scopes
        }
    }

    private static void Gaussian(Tensor? weight, Tensor? bias)
    {
        weight?.normal_();
        bias?.zero_();
    }

    private static double LogStd(Tensor runningVariance)
    {
        using var scope = NewDisposeScope();
        return Math.Log(Math.Sqrt(runningVariance.to(ScalarType.Float64).mean().item<double>()));
    }

    /// <summary>Keeps the features before pooling of every pass.</summary>
    private static IDisposable Observe(nn.Module network, List<Tensor> features)
    {
        var last = network.modules().OfType<LastAct>().Single();
        var handle = last.register_forward_hook((_, _, output) =>
        {
            features.Add(output.clone().DetachFromDisposeScope());
            return output;
        });
        return new HookRemoval(handle.remove);
    }
}
