using static TorchSharp.torch;

namespace VpDarts.Tests.Models;

public sealed class SkipDropoutTests
{
    [Theory]
    [InlineData(0.2)]
    [InlineData(0.5)]
    [InlineData(0.9)]
    public void KeepsEachElementWithProbabilityOneMinusPAndScalesItByItsReciprocal(double p)
    {
        using var scope = NewDisposeScope();
        manual_seed(11);
        var x = ones(64, 8, 32, 32);
        var y = SkipDropout.Apply(x, p);
        var scale = 1f / (float)(1.0 - p);
        var values = y.unique().Item1.data<float>().ToArray();
        Assert.Equal(new[] { 0f, scale }, values);
        var kept = y.ne(0).to(ScalarType.Float64).mean().item<double>();
        var n = (double)x.numel();
        var sd = Math.Sqrt(p * (1 - p) / n);
        Assert.InRange(kept, 1 - p - 6 * sd, 1 - p + 6 * sd);
    }

    [Fact]
    public void NeighbouringElementsAndChannelsAreUncorrelated()
    {
        using var scope = NewDisposeScope();
        manual_seed(5);
        var mask = SkipDropout.Apply(ones(16, 8, 32, 32), 0.5).ne(0).to(ScalarType.Float64);
        static double Correlation(Tensor a, Tensor b)
        {
            var ac = a - a.mean();
            var bc = b - b.mean();
            return (ac * bc).mean().item<double>() / Math.Sqrt((ac * ac).mean().item<double>() * (bc * bc).mean().item<double>());
        }
        var n = mask.numel() / 2;
        var bound = 6 / Math.Sqrt(n);
        Assert.InRange(Correlation(mask.narrow(3, 0, 31), mask.narrow(3, 1, 31)), -bound, bound);
        Assert.InRange(Correlation(mask.narrow(1, 0, 7), mask.narrow(1, 1, 7)), -bound, bound);
        Assert.InRange(Correlation(mask.narrow(0, 0, 15), mask.narrow(0, 1, 15)), -bound, bound);
    }

    [Fact]
    public void TheSameTorchSeedDrawsTheSameMaskAndTheNextCallAnother()
    {
        using var scope = NewDisposeScope();
        var x = ones(4, 8, 9, 9);
        manual_seed(7);
        var first = SkipDropout.Apply(x, 0.3);
        var second = SkipDropout.Apply(x, 0.3);
        manual_seed(7);
        var again = SkipDropout.Apply(x, 0.3);
        Assert.True(first.eq(again).all().item<bool>());
        Assert.False(first.eq(second).all().item<bool>());
    }

    [Fact]
    public void TheMaskFollowsTheInputsLayoutAndTheGradientIsTheMask()
    {
        using var scope = NewDisposeScope();
        manual_seed(2);
        var x = ChannelsLast.Of(randn(3, 8, 5, 5)).requires_grad_(true);
        Assert.True(ChannelsLast.Holds(x));
        var y = SkipDropout.Apply(x, 0.4);
        Assert.True(ChannelsLast.Holds(y));
        y.sum().backward();
        using (no_grad())
            Assert.True(x.grad!.mul(x).allclose(y, 1e-6, 1e-6));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(7)]
    [InlineData(33)]
    [InlineData(1000)]
    public void EveryLengthGetsTheMaskOfTheCounterStreamElementByElement(int length)
    {
        var values = new float[length];
        SkipDropout.FillMask(12345, 0.25, values);
        var expected = new float[length];
        for (var i = 0; i < length; i++)
        {
            var bits = SplitMix((ulong)(i / 2 + 1));
            var half = i % 2 == 0 ? bits & 0xFFFFFFFFUL : bits >> 32;
            expected[i] = half < 0.75 * 4294967296.0 ? 1f / 0.75f : 0f;
        }
        Assert.Equal(expected, values);

        static ulong SplitMix(ulong k)
        {
            var z = 12345UL + k * 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }
}
