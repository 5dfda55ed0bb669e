using VpDarts.Models;
using VpDarts.Runtime;

namespace VpDarts.Proxies;

/// <summary>
/// nwot (NASWOT: Mellor et al., "Neural Architecture Search without Training", ICML 2021): each image's binary code c
/// says which ReLU inputs are positive, over every ReLU of the network; with the kernel
/// K = c cᵀ + (1 − c)(1 − c)ᵀ over the batch (matching units, image by image), the score is log |det K|.
/// </summary>
public sealed class NwotProxy : IZeroCostProxy
{
    /// <inheritdoc />
    public string Name => "nwot";

    /// <inheritdoc />
    public double Score(Func<ProxyNetwork> build, ProxyBatch batch)
    {
        using var scope = NewDisposeScope();
        using var network = build();
        var images = batch.Images.shape[0];
        var kernel = torch.zeros(images, images, ScalarType.Float64).DetachFromDisposeScope();
        try
        {
            using (no_grad())
            using (ReluInputs.Observe(network.Module, input => Accumulate(kernel, input)))
                network.Forward(batch.Images).Dispose();
            return torch.linalg.slogdet(kernel).Item2.item<double>();
        }
        finally
        {
            kernel.Dispose();
        }
    }

    /// <summary>Adds the codes of one ReLU's input to <paramref name="kernel"/>.</summary>
    internal static void Accumulate(Tensor kernel, Tensor reluInput)
    {
        using var scope = NewDisposeScope();
        // input > 0 as −input < 0: TorchSharp's gt(Scalar) makes a scalar nobody owns (TorchOwnershipTests)
        var code = reluInput.neg().lt(Scalars.Zero).reshape(reluInput.shape[0], -1).to(ScalarType.Float64);
        var complement = code.neg().add_(Scalars.One, Scalars.One);
        kernel.add_(code.matmul(code.t()), Scalars.One).add_(complement.matmul(complement.t()), Scalars.One);
    }
}
