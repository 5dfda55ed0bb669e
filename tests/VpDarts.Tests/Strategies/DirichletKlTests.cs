using Xunit.Abstractions;
using static TorchSharp.torch;

namespace VpDarts.Tests.Strategies;

/// <summary>DrNAS's KL regulariser, Σ_e KL(Dir(β_e) ‖ Dir(1, …, 1)): values worked out by hand and its gradient in α.</summary>
public sealed class DirichletKlTests(ITestOutputHelper output)
{
    /// <summary>
    /// KL(Dir(2, 1, 1, 1, 1) ‖ Dir(1, 1, 1, 1, 1)). With a = β, b = 1, K = 5, Σa = 6:
    /// lnΓ(Σa) = lnΓ(6) = ln 120; Σ lnΓ(a_i) = lnΓ(2) + 4 lnΓ(1) = 0; lnΓ(Σb) = lnΓ(5) = ln 24; Σ lnΓ(b_i) = 0;
    /// Σ (a_i − b_i)(ψ(a_i) − ψ(Σa)) = ψ(2) − ψ(6) = (1 − γ) − (1 + 1/2 + 1/3 + 1/4 + 1/5 − γ) = −77/60.
    /// So KL = ln 120 − ln 24 − 77/60 = ln 5 − 77/60 = 1.6094379124341003 − 1.2833333333333333 = 0.3261045791007670.
    /// </summary>
    public static readonly double HandCase = Math.Log(5) - 77.0 / 60.0;

    [Fact]
    public void HandComputedCaseAndTheUniformConcentration()
    {
        using var scope = NewDisposeScope();
        Assert.Equal(0.3261045791007670, HandCase, 15);
        var kl = DrNasStrategy.KlToUniform(tensor(new[] { 2.0, 1, 1, 1, 1 }, float64).unsqueeze(0)).item<double>();
        output.WriteLine($"KL(Dir(2,1,1,1,1) || Dir(1)): {kl:R}, by hand {HandCase:R}, error {Math.Abs(kl - HandCase):E2}");
        Assert.Equal(HandCase, kl, 1e-12);

        // The KL of the uniform Dirichlet from itself is zero; rows add up.
        Assert.Equal(0.0, DrNasStrategy.KlToUniform(ones(1, 5, float64)).item<double>(), 1e-12);
        var rows = tensor(new[,] { { 2.0, 1, 1, 1, 1 }, { 1, 1, 1, 1, 1 }, { 1, 1, 2, 1, 1 } }, float64);
        Assert.Equal(2 * HandCase, DrNasStrategy.KlToUniform(rows).item<double>(), 1e-12);
    }

    [Fact]
    public void AlphaGradientMatchesCentralDifferences()
    {
        using var scope = NewDisposeScope();
        using var generator = new Generator(3);
        // α on both sides of elu's kink; one edge far out on each side.
        var alpha = randn([6, 5], float64, generator: generator).mul(0.8);
        alpha[0, 0] = tensor(-2.5, float64);
        alpha[5, 4] = tensor(2.5, float64);
        var leaf = alpha.clone().requires_grad_();
        DrNasStrategy.KlToUniform(DrNasStrategy.Concentration(leaf)).backward();
        var grad = leaf.grad!.data<double>().ToArray();

        const double h = 1e-6;
        var values = alpha.data<double>().ToArray();
        double Kl(double[] a) => DrNasStrategy.KlToUniform(DrNasStrategy.Concentration(tensor(a, float64).view(6, 5))).item<double>();
        var worst = 0.0;
        for (var i = 0; i < values.Length; i++)
        {
            var plus = (double[])values.Clone();
            var minus = (double[])values.Clone();
            plus[i] += h;
            minus[i] -= h;
            var numeric = (Kl(plus) - Kl(minus)) / (2 * h);
            worst = Math.Max(worst, Math.Abs(numeric - grad[i]));
            Assert.True(Math.Abs(numeric - grad[i]) <= 1e-7 + 1e-6 * Math.Abs(numeric), $"α[{i}]: autograd {grad[i]}, central difference {numeric}");
        }
        output.WriteLine($"largest |autograd − central difference|: {worst:E2}");
    }
}
