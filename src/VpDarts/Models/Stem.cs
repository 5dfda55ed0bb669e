namespace VpDarts.Models;

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
        using var convolved = conv.call(input);
        return bn.call(convolved);
    }
}
