namespace VpDarts.Models;

/// <summary>NB201's ReLU → conv (no bias) → BN.</summary>
public sealed class ReluConvBn : nn.Module<Tensor, Tensor>
{
    private readonly Conv2d conv;
    private readonly BatchNorm bn;

    /// <summary>Creates the block; <paramref name="affine"/> is false inside search cells.</summary>
    public ReluConvBn(long inChannels, long outChannels, long kernel, long stride, long padding, bool affine)
        : base(nameof(ReluConvBn))
    {
        conv = nn.Conv2d(inChannels, outChannels, kernel, stride, padding, bias: false);
        bn = new BatchNorm(outChannels, affine);
        RegisterComponents();
    }

    /// <summary>The convolution (its weight is used by the fused search-cell path).</summary>
    internal Conv2d Conv => conv;

    /// <summary>The batch norm after the convolution.</summary>
    internal BatchNorm Norm => bn;

    /// <inheritdoc />
    public override Tensor forward(Tensor input)
    {
        using var relu = nn.functional.relu(input);
        using var convolved = conv.call(relu);
        return bn.call(convolved);
    }
}
