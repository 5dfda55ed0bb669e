using TorchSharp;
using TorchSharp.Modules;
using VpDarts.Runtime;
using static TorchSharp.torch;

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
        using var convolved = conv.forward(relu);
        return bn.forward(convolved);
    }
}

/// <summary>3×3 average pooling, stride 1, padding 1, padded pixels not counted (NB201's avg_pool_3x3).</summary>
public sealed class AvgPool3x3 : nn.Module<Tensor, Tensor>
{
    /// <summary>Creates the pooling op.</summary>
    public AvgPool3x3() : base(nameof(AvgPool3x3)) { }

    /// <inheritdoc />
    public override Tensor forward(Tensor input) => AveragePooling.Pool3x3(input);
}

/// <summary>The identity op (skip_connect in a discrete cell).</summary>
public sealed class Identity : nn.Module<Tensor, Tensor>
{
    /// <summary>Creates the identity op.</summary>
    public Identity() : base(nameof(Identity)) { }

    /// <inheritdoc />
    public override Tensor forward(Tensor input) => input.alias();
}

/// <summary>The zero op (none): an edge that contributes nothing.</summary>
public sealed class Zero : nn.Module<Tensor, Tensor>
{
    /// <summary>Creates the zero op.</summary>
    public Zero() : base(nameof(Zero)) { }

    /// <inheritdoc />
    public override Tensor forward(Tensor input) => zeros_like(input);
}

/// <summary>Stem: 3×3 conv (no bias) then BN.</summary>
public sealed class Stem : nn.Module<Tensor, Tensor>
{
    private readonly Conv2d conv;
    private readonly BatchNorm bn;

    /// <summary>Creates the stem.</summary>
    public Stem(long inChannels, long channels) : base(nameof(Stem))
    {
        conv = nn.Conv2d(inChannels, channels, 3, padding: 1, bias: false);
        bn = new BatchNorm(channels, affine: true);
        RegisterComponents();
    }

    /// <inheritdoc />
    public override Tensor forward(Tensor input)
    {
        using var convolved = conv.forward(input);
        return bn.forward(convolved);
    }
}

/// <summary>ResNet basic block between stages: stride 2, shortcut = 2×2 avg-pool then 1×1 conv.</summary>
public sealed class ResNetBasicBlock : nn.Module<Tensor, Tensor>
{
    private readonly ReluConvBn conv_a;
    private readonly ReluConvBn conv_b;
    private readonly Downsample downsample;

    /// <summary>Creates the block from <paramref name="inChannels"/> to <paramref name="outChannels"/>.</summary>
    public ResNetBasicBlock(long inChannels, long outChannels) : base(nameof(ResNetBasicBlock))
    {
        conv_a = new ReluConvBn(inChannels, outChannels, 3, 2, 1, affine: true);
        conv_b = new ReluConvBn(outChannels, outChannels, 3, 1, 1, affine: true);
        downsample = new Downsample(inChannels, outChannels);
        RegisterComponents();
    }

    /// <inheritdoc />
    public override Tensor forward(Tensor input)
    {
        using var a = conv_a.forward(input);
        var b = conv_b.forward(a);
        using var shortcut = downsample.forward(input);
        return b.add_(shortcut, Scalars.One);
    }

    private sealed class Downsample : nn.Module<Tensor, Tensor>
    {
        private readonly Conv2d conv;

        public Downsample(long inChannels, long outChannels) : base(nameof(Downsample))
        {
            conv = nn.Conv2d(inChannels, outChannels, 1, bias: false);
            RegisterComponents();
        }

        public override Tensor forward(Tensor input)
        {
            using var pooled = nn.functional.avg_pool2d(input, 2, 2);
            return conv.forward(pooled);
        }
    }
}

/// <summary>NB201's <c>lastact</c>: BN then ReLU, before global pooling.</summary>
public sealed class LastAct : nn.Module<Tensor, Tensor>
{
    private readonly BatchNorm bn;

    /// <summary>Creates the block.</summary>
    public LastAct(long channels) : base(nameof(LastAct))
    {
        bn = new BatchNorm(channels, affine: true);
        RegisterComponents();
    }

    /// <inheritdoc />
    public override Tensor forward(Tensor input) => bn.forward(input).relu_();
}
