namespace VpDarts.Models;

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
    public override Tensor forward(Tensor input) => bn.call(input).relu_();
}
