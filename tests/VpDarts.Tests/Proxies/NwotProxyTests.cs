using TorchSharp;
using VpDarts.Proxies;
using static TorchSharp.torch;

namespace VpDarts.Tests.Proxies;

public sealed class NwotProxyTests
{
    /// <summary>Two ReLUs' inputs for three images, written out: K counts, per pair of images, the units whose codes
    /// (input &gt; 0) match.</summary>
    [Fact]
    public void AccumulateAddsTheCountsOfMatchingCodesPerPairOfImages()
    {
        using var scope = NewDisposeScope();
        var kernel = zeros(3, 3, ScalarType.Float64);
        // Codes 1010, 1100, 0001 (zero is not positive).
        NwotProxy.Accumulate(kernel, tensor(new double[] { 1, -1, 2, 0, 3, 2, -1, -2, -1, -3, -2, 5 }, [3, 1, 2, 2]));
        // Codes 10, 11, 00.
        NwotProxy.Accumulate(kernel, tensor(new float[] { 0.5f, -0.5f, 0.5f, 0.5f, -0.5f, -0.5f }, [3, 2]));
        // First: 4 on the diagonal, 1010·1100 match at units 1 and 4, 1010·0001 at 2, 1100·0001 at 3.
        // Second: 2 on the diagonal, 10·11 match at 1, 10·00 at 2, 11·00 nowhere.
        Assert.Equal(new double[] { 6, 3, 2, 3, 6, 1, 2, 1, 6 }, ProxyReference.Values(kernel));
    }

    /// <summary>
    /// On the tiny network: the kernel the proxy builds has the number of ReLU units on its diagonal, counted here
    /// from the genotype; it equals the kernel of codes gathered by the test's own hooks (the last one on the last
    /// batch norm's output, before its ReLU); and the score is log |det K| of that kernel, by LU decomposition here.
    /// </summary>
    [Fact]
    public void ScoreIsTheLogDeterminantOfTheCodeKernelOverEveryReluUnit()
    {
        using var thread = ProxyReference.OneThread();
        using var scope = NewDisposeScope();
        var batch = ProxyReference.Batch(ProxyReference.BatchSeed);
        var n = ProxyReference.Images;

        // The ReLUs of ReLU → conv → BN blocks, by the number of values their input holds per image:
        // stage 0 (C = 1, 8×8): the cell's three convs 3 · 64 and the reduction's conv_a 64;
        // stage 1 (C = 2, 4×4): the reduction's conv_b 32, the cell's convs 3 · 32, the next reduction's conv_a 32;
        // stage 2 (C = 4, 2×2): conv_b 16, the cell's convs 3 · 16; then the ReLU after the last batch norm, 16.
        const int units = 3 * 64 + 64 + 32 + 3 * 32 + 32 + 16 + 3 * 16 + 16;

        double[] ProxyKernel()
        {
            using var network = ProxyReference.Float64(ProxyReference.NetworkSeed)();
            using var kernel = zeros(n, n, ScalarType.Float64);
            using (no_grad())
            using (ReluInputs.Observe(network.Module, input => NwotProxy.Accumulate(kernel, input)))
                network.Forward(batch.Images).Dispose();
            return ProxyReference.Values(kernel);
        }

        double[] OwnKernel()
        {
            using var network = ProxyReference.Float64(ProxyReference.NetworkSeed)();
            var codes = new List<double[]>();
            void Keep(Tensor t)
            {
                using var positive = t.gt(0).to(ScalarType.Float64).reshape(n, -1);
                codes.Add(ProxyReference.Values(positive));
            }
            var removals = new List<Action>();
            foreach (var module in network.Module.modules())
            {
                if (module is ReluConvBn block)
                {
                    var handle = block.register_forward_pre_hook((_, input) => { Keep(input); return input; });
                    removals.Add(handle.remove);
                }
                else if (module is LastAct last)
                {
                    var norm = last.modules().OfType<BatchNorm>().Single();
                    var handle = norm.register_forward_hook((_, _, output) => { Keep(output); return output; });
                    removals.Add(handle.remove);
                }
            }
            using (no_grad())
                network.Forward(batch.Images).Dispose();
            removals.ForEach(r => r());
            Assert.Equal(units, codes.Sum(c => c.Length / n));
            var kernel = new double[n * n];
            foreach (var code in codes)
            {
                var width = code.Length / n;
                for (var i = 0; i < n; i++)
                    for (var j = 0; j < n; j++)
                        for (var u = 0; u < width; u++)
                            kernel[i * n + j] += code[i * width + u] == code[j * width + u] ? 1 : 0;
            }
            return kernel;
        }

        var proxyKernel = ProxyKernel();
        for (var i = 0; i < n; i++) Assert.Equal(units, proxyKernel[i * n + i]);
        var ownKernel = OwnKernel();
        Assert.Equal(ownKernel, proxyKernel);
        Assert.Contains(ownKernel, k => k < units);  // the images' codes differ, so K is not all ones times units

        var score = new NwotProxy().Score(ProxyReference.Float64(ProxyReference.NetworkSeed), batch);
        // K's entries are integers below 500, so LU's rounding leaves log |det K| good to about 1e-13.
        ProxyReference.AssertRelative(LogAbsDeterminant(ownKernel, n), score, 1e-10, "nwot");
    }

    /// <summary>log |det A| of the n×n row-major <paramref name="a"/> by LU decomposition with partial pivoting.</summary>
    private static double LogAbsDeterminant(double[] a, int n)
    {
        var m = (double[])a.Clone();
        var result = 0.0;
        for (var k = 0; k < n; k++)
        {
            var pivot = Enumerable.Range(k, n - k).MaxBy(r => Math.Abs(m[r * n + k]));
            for (var c = 0; c < n; c++) (m[k * n + c], m[pivot * n + c]) = (m[pivot * n + c], m[k * n + c]);
            result += Math.Log(Math.Abs(m[k * n + k]));
            for (var r = k + 1; r < n; r++)
            {
                var factor = m[r * n + k] / m[k * n + k];
                for (var c = k; c < n; c++) m[r * n + c] -= factor * m[k * n + c];
            }
        }
        return result;
    }
}
