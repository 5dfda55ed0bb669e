namespace VpDarts.Models;

/// <summary>One candidate-op set on an edge of a search cell (cell BNs are affine=False).</summary>
public sealed class MixedEdge : nn.Module
{
    /// <summary>Creates the convolutional candidates for <paramref name="channels"/> channels.</summary>
    public MixedEdge(int channels) : base(nameof(MixedEdge))
    {
        nor_conv_1x1 = new ReluConvBn(channels, channels, 1, 1, 0, affine: false);
        nor_conv_3x3 = new ReluConvBn(channels, channels, 3, 1, 1, affine: false);
        RegisterComponents();
    }

#pragma warning disable IDE1006 // NB201's module names, so state dicts line up
    private readonly ReluConvBn nor_conv_1x1;
    private readonly ReluConvBn nor_conv_3x3;
#pragma warning restore IDE1006

    /// <summary>nor_conv_1x1.</summary>
    public ReluConvBn Conv1x1 => nor_conv_1x1;

    /// <summary>nor_conv_3x3.</summary>
    public ReluConvBn Conv3x3 => nor_conv_3x3;
}
