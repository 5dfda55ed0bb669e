using VpDarts.Runtime;

namespace VpDarts.Models;

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
        using var a = conv_a.call(input);
        var b = conv_b.call(a);
        using var shortcut = downsample.call(input);
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
            return conv.call(pooled);
        }
    }
}
