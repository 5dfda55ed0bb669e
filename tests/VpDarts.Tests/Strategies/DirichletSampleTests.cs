using Xunit.Abstractions;
using static TorchSharp.torch;

namespace VpDarts.Tests.Strategies;

/// <summary>
/// DrNAS's Dirichlet sampler against closed forms: Monte-Carlo averages over many float64 samples drawn with a fixed
/// seed, each compared within five of its standard errors (estimated from the samples) plus a tiny absolute term.
/// </summary>
public sealed class DirichletSampleTests(ITestOutputHelper output)
{
    private const int Samples = 200_000;
    private const double StandardErrors = 5.0;
    private const double Slack = 1e-9;

    private static readonly double[] Beta = [0.7, 1.3, 2.0, 0.5, 1.1];

    /// <summary>
    /// Column means of <paramref name="perSample"/> (samples × ops) and their standard errors,
    /// sd / √n with the sample's standard deviation.
    /// </summary>
    private static (double[] Mean, double[] Error) MeanAndError(Tensor perSample)
    {
        using var scope = NewDisposeScope();
        var mean = perSample.mean([0]).data<double>().ToArray();
        var sd = perSample.std(0, unbiased: true).data<double>().ToArray();
        return (mean, sd.Select(s => s / Math.Sqrt(perSample.shape[0])).ToArray());
    }

    private void AssertClose(string what, double[] expected, double[] mean, double[] error)
    {
        for (var j = 0; j < expected.Length; j++)
        {
            var deviation = Math.Abs(mean[j] - expected[j]);
            output.WriteLine($"{what}[{j}]: expected {expected[j]:G6}, mean {mean[j]:G6}, error {deviation:E2}, standard error {error[j]:E2} ({deviation / error[j]:F2} SE)");
            Assert.True(deviation <= StandardErrors * error[j] + Slack,
                $"{what}[{j}]: mean {mean[j]} is {deviation / error[j]:F2} standard errors ({error[j]:E2}) from {expected[j]}");
        }
    }

    /// <summary>∂E[w_0]/∂β_j for w ~ Dir(β): E[w_0] = β_0 / S with S = Σβ, so δ_0j / S − β_0 / S².</summary>
    private static double[] MeanGradient(double[] beta)
    {
        var s = beta.Sum();
        return beta.Select((_, j) => (j == 0 ? 1 / s : 0) - beta[0] / (s * s)).ToArray();
    }

    [Fact]
    public void SamplesHaveTheDirichletMeanAndLieOnTheSimplex()
    {
        using var scope = NewDisposeScope();
        using var generator = new Generator(11);
        var beta = tensor(Beta, float64).unsqueeze(0).expand(Samples, Beta.Length);
        var w = DrNasStrategy.Sample(beta, generator);

        Assert.Equal(ScalarType.Float64, w.dtype);
        Assert.Equal([Samples, Beta.Length], w.shape);
        Assert.True(w.min().item<double>() > 0);
        Assert.True(w.sum(-1).sub(1).abs().max().item<double>() < 1e-12);
        var (mean, error) = MeanAndError(w);
        AssertClose("E[w]", Beta.Select(b => b / Beta.Sum()).ToArray(), mean, error);
    }

    [Fact]
    public void PathwiseGradientOfTheFirstWeightMatchesTheClosedForm()
    {
        using var scope = NewDisposeScope();
        using var generator = new Generator(12);
        // One row of β per sample, so that each row's gradient is that sample's gradient.
        var beta = tensor(Beta, float64).unsqueeze(0).repeat(Samples, 1).requires_grad_();
        var w = DrNasStrategy.Sample(beta, generator);
        w.select(1, 0).sum().backward();

        var (mean, error) = MeanAndError(beta.grad!);
        AssertClose("dE[w0]/dbeta", MeanGradient(Beta), mean, error);
    }

    [Fact]
    public void GradientReachesAlphaThroughTheElu()
    {
        using var scope = NewDisposeScope();
        using var generator = new Generator(13);
        double[] alpha = [-0.8, 0.4, -0.3, 1.2, 0.1];
        // β = elu(α) + 1: exp(α) for α < 0, α + 1 otherwise; elu'(α) = exp(α) for α < 0, 1 otherwise.
        var beta = alpha.Select(a => a < 0 ? Math.Exp(a) : a + 1).ToArray();
        var eluSlope = alpha.Select(a => a < 0 ? Math.Exp(a) : 1.0).ToArray();
        var expected = MeanGradient(beta).Select((g, j) => g * eluSlope[j]).ToArray();

        var a = tensor(alpha, float64).unsqueeze(0).repeat(Samples, 1).requires_grad_();
        var concentration = DrNasStrategy.Concentration(a);
        Assert.Equal(beta, concentration[0].data<double>().ToArray(), (x, y) => Math.Abs(x - y) < 1e-15);
        var w = DrNasStrategy.Sample(concentration, generator);
        w.select(1, 0).sum().backward();

        var (mean, error) = MeanAndError(a.grad!);
        AssertClose("dE[w0]/dalpha", expected, mean, error);
    }

    [Fact]
    public void TinyConcentrationsGiveNoZeroOrNonFiniteWeights()
    {
        using var scope = NewDisposeScope();
        using var generator = new Generator(14);
        // elu(α) + 1 for α = −12 is about 6e-6: gamma draws of such shapes are at or near the smallest positive
        // float32, and a row's sum can be as small as its parts.
        var alpha = full(1000, 5, -12.0f).requires_grad_();
        var w = DrNasStrategy.Sample(DrNasStrategy.Concentration(alpha), generator);

        Assert.True(w.isfinite().all().item<bool>());
        Assert.True(w.min().item<float>() > 0);
        w.select(1, 0).sum().backward();
        Assert.True(alpha.grad!.isfinite().all().item<bool>());
    }

    private static bool Same(Tensor a, Tensor b) => a.eq(b).all().item<bool>();

    [Fact]
    public void TheSameGeneratorSeedGivesTheSameSamplesAndTheGlobalGeneratorIsUsedByDefault()
    {
        using var scope = NewDisposeScope();
        var beta = tensor(Beta, float32).unsqueeze(0).expand(4, Beta.Length);
        using var first = new Generator(5);
        using var second = new Generator(5);
        Assert.True(Same(DrNasStrategy.Sample(beta, first), DrNasStrategy.Sample(beta, second)));

        manual_seed(5);
        var a = DrNasStrategy.Sample(beta);
        manual_seed(5);
        var b = DrNasStrategy.Sample(beta);
        Assert.True(Same(a, b));
        Assert.False(Same(a, DrNasStrategy.Sample(beta)));
    }
}
