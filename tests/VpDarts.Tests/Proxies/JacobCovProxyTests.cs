using VpDarts.Proxies;
using static TorchSharp.torch;

namespace VpDarts.Tests.Proxies;

public sealed class JacobCovProxyTests
{
    private const double K = 1e-5;

    /// <summary>
    /// jacob_cov = −Σ (log(λ + k) + 1 / (λ + k)) over the eigenvalues λ of the correlation matrix C of the images'
    /// input gradients, k = 1e-5; that is −(log det(C + kI) + trace((C + kI)⁻¹)), computed here from a Cholesky
    /// factor instead of eigenvalues, with the input gradients by central differences and C by hand.
    /// </summary>
    [Fact]
    public void ScoreIsMinusLogDeterminantAndInverseTraceOfTheInputGradientsCorrelation()
    {
        using var thread = ProxyReference.OneThread();
        using var scope = NewDisposeScope();
        using var network = ProxyReference.Float64(ProxyReference.NetworkSeed)();
        var batch = ProxyReference.Batch(ProxyReference.BatchSeed);
        var images = batch.Images.clone();
        double SumOfLogits()
        {
            using var inner = NewDisposeScope();
            using var _ = no_grad();
            return network.Forward(images).sum().item<double>();
        }
        // One row per image: the gradient of the sum of the batch's logits (batch statistics join the images, so
        // the other images' logits count too, as in the authors' code) with respect to that image.
        var gradient = ProxyReference.CentralDifferences([images], SumOfLogits, 1e-6)[0];
        var n = ProxyReference.Images;
        var width = gradient.Length / n;
        var rows = Enumerable.Range(0, n).Select(i => gradient.Skip(i * width).Take(width).ToArray()).ToArray();

        var unit = rows.Select(row =>
        {
            var mean = row.Average();
            var centred = row.Select(x => x - mean).ToArray();
            var norm = Math.Sqrt(centred.Sum(x => x * x));
            return centred.Select(x => x / norm).ToArray();
        }).ToArray();
        var a = new double[n, n];
        for (var i = 0; i < n; i++)
            for (var j = 0; j < n; j++)
                a[i, j] = unit[i].Zip(unit[j], (x, y) => x * y).Sum() + (i == j ? K : 0);
        var (logDeterminant, inverseTrace) = CholeskyLogDeterminantAndInverseTrace(a);
        var reference = -(logDeterminant + inverseTrace);

        var score = new JacobCovProxy().Score(ProxyReference.Float64(ProxyReference.NetworkSeed), batch);
        ProxyReference.AssertRelative(reference, score, 1e-8, "jacob_cov");
    }

    /// <summary>log det A and trace A⁻¹ of a symmetric positive definite A = L Lᵀ: 2 Σ log Lᵢᵢ and ‖L⁻¹‖²_F.</summary>
    private static (double LogDeterminant, double InverseTrace) CholeskyLogDeterminantAndInverseTrace(double[,] a)
    {
        var n = a.GetLength(0);
        var l = new double[n, n];
        for (var i = 0; i < n; i++)
            for (var j = 0; j <= i; j++)
            {
                var sum = a[i, j];
                for (var k = 0; k < j; k++) sum -= l[i, k] * l[j, k];
                l[i, j] = i == j ? Math.Sqrt(sum) : sum / l[j, j];
            }
        var logDeterminant = 0.0;
        for (var i = 0; i < n; i++) logDeterminant += 2 * Math.Log(l[i, i]);
        // Column c of L⁻¹ by forward substitution of L x = e_c.
        var inverseTrace = 0.0;
        for (var c = 0; c < n; c++)
        {
            var x = new double[n];
            for (var i = 0; i < n; i++)
            {
                var sum = i == c ? 1.0 : 0.0;
                for (var k = 0; k < i; k++) sum -= l[i, k] * x[k];
                x[i] = sum / l[i, i];
                inverseTrace += x[i] * x[i];
            }
        }
        return (logDeterminant, inverseTrace);
    }
}
