using VpDarts.Runtime;

namespace VpDarts.Proxies;

/// <summary>
/// jacob_cov (Mellor et al., "Neural Architecture Search without Training", arXiv:2006.04647v1; as a proxy in
/// Abdelfattah et al., ICLR 2021): J holds, per image, the gradient of the sum of the whole batch's logits with respect
/// to the image, flattened (as the authors' code takes it; with batch statistics the other images' logits depend on
/// the image too); with the eigenvalues λ of the images' correlation matrix of J and k = 1e-5, the score is
/// −Σ (log(λ + k) + 1 / (λ + k)).
/// </summary>
public sealed class JacobCovProxy : IZeroCostProxy
{
    private const double K = 1e-5;

    /// <inheritdoc />
    public string Name => "jacob_cov";

    /// <inheritdoc />
    public double Score(Func<ProxyNetwork> build, ProxyBatch batch)
    {
        using var scope = NewDisposeScope();
        using var network = build();
        var images = batch.Images.detach().clone().requires_grad_(true);
        using var logits = network.Forward(images);
        var jacobian = ProxyMath.Gradients(logits.sum(), [images])[0];
        var rows = jacobian.reshape(jacobian.shape[0], -1).to(ScalarType.Float64);
        using var k = K.ToScalar();
        var correlation = Correlation(rows);
        if (!correlation.isfinite().all().item<bool>()) return double.NaN;  // an image whose logits ignore it
        var shifted = torch.linalg.eigvalsh(correlation).add(k, Scalars.One);
        return -torch.log(shifted).add(shifted.reciprocal(), Scalars.One).sum().item<double>();
    }

    /// <summary>The correlation matrix of the rows of <paramref name="rows"/> (as numpy's <c>corrcoef</c>).</summary>
    internal static Tensor Correlation(Tensor rows)
    {
        var centred = rows.add(rows.mean([1], keepdim: true), Scalars.MinusOne);
        var unit = centred.div(centred.norm(1, keepdim: true));
        return unit.matmul(unit.t());
    }
}
