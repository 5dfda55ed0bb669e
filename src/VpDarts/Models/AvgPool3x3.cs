namespace VpDarts.Models;

/// <summary>3×3 average pooling, stride 1, padding 1, padded pixels not counted (NB201's avg_pool_3x3).</summary>
public sealed class AvgPool3x3 : nn.Module<Tensor, Tensor>
{
    /// <summary>Creates the pooling op.</summary>
    public AvgPool3x3() : base(nameof(AvgPool3x3)) { }

    /// <inheritdoc />
    public override Tensor forward(Tensor input) => AveragePooling.Pool3x3(input);
}
