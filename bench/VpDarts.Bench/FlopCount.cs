using System.Diagnostics;
using TorchSharp;
using static TorchSharp.torch;

namespace VpDarts.Bench;

/// <summary>
/// Multiply-add FLOPs (2 per MAC) of the NB201 supernet's convolutions per 32×32 image, the part that dominates;
/// BN, pooling and element-wise work are left out, so achieved rates are slight underestimates.
/// </summary>
internal static class FlopCount
{
    private const int Size = 32;

    /// <summary>Forward FLOPs of one conv1x1 and one conv3x3 candidate in a cell of stage <paramref name="stage"/>.</summary>
    private static (double Conv1, double Conv3) EdgeConvs(int c, int stage)
    {
        double ch = c << stage;
        double pixels = (Size >> stage) * (Size >> stage);
        return (2 * ch * ch * pixels, 2 * 9 * ch * ch * pixels);
    }

    /// <summary>Forward FLOPs per image with every op present.</summary>
    public static double Forward(int n, int c)
    {
        double total = 2 * 9 * 3 * c * Size * Size;  // stem
        for (var stage = 0; stage < 3; stage++)
        {
            var (c1, c3) = EdgeConvs(c, stage);
            total += n * 6 * (c1 + c3);
            if (stage == 0) continue;
            double cin = c << (stage - 1), cout = c << stage, pixels = (Size >> stage) * (Size >> stage);
            total += 2 * pixels * (9 * cin * cout + 9 * cout * cout + cin * cout);  // reduction block
        }
        return total;
    }

    /// <summary>Average forward FLOPs per image over the 30 ablations (the removed op is skipped when it is a conv).</summary>
    public static double AblationForward(int n, int c)
    {
        double saved = 0;
        for (var stage = 0; stage < 3; stage++)
        {
            var (c1, c3) = EdgeConvs(c, stage);
            saved += n * 6 * (c1 + c3);  // each edge's conv1x1 and conv3x3 are each removed once
        }
        return Forward(n, c) - saved / 30;
    }

    /// <summary>FLOPs per image of a workload: weight step ≈ forward + 2 × forward (input and weight gradients);
    /// architecture step ≈ forward + forward (input gradients only, the weights are frozen); ablation = forward.</summary>
    public static double PerImage(string mode, int n, int c) => mode switch
    {
        "train" => 3 * Forward(n, c),
        "arch" => 2 * Forward(n, c),
        _ => AblationForward(n, c),
    };

    /// <summary>Single-precision matrix-multiply rate of this machine in GFLOP/s (square matmuls, best of 5).</summary>
    public static double MatmulGflops(int threads, int size = 1024)
    {
        torch.set_num_threads(threads);
        using var a = randn(size, size);
        using var b = randn(size, size);
        for (var i = 0; i < 2; i++) matmul(a, b).Dispose();
        var best = double.MaxValue;
        for (var i = 0; i < 5; i++)
        {
            var clock = Stopwatch.StartNew();
            matmul(a, b).Dispose();
            best = Math.Min(best, clock.Elapsed.TotalSeconds);
        }
        return 2.0 * size * size * size / best / 1e9;
    }
}
