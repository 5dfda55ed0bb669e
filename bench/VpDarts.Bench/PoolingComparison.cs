using System.Diagnostics;
using VpDarts.Models;
using static TorchSharp.torch;

namespace VpDarts.Bench;

/// <summary>avg_pool2d (count_include_pad false) against <see cref="AveragePooling.Pool3x3"/>, forward + backward.</summary>
internal static class PoolingComparison
{
    public static int Run(Options options)
    {
        set_num_threads(options.Int("threads", 1));
        var repeats = options.Int("repeats", 50);
        foreach (var (c, size) in new[] { (16, 32), (32, 16), (64, 8) })
        {
            var x = randn(64, c, size, size).requires_grad_(true);
            var seconds = new Dictionary<string, double>();
            foreach (var (name, pool) in new (string, Func<Tensor, Tensor>)[]
                     {
                         ("avg_pool2d", t => nn.functional.avg_pool2d(t, 3, 1, 1, count_include_pad: false)),
                         ("depthwise", AveragePooling.Pool3x3),
                     })
            {
                var clock = new Stopwatch();
                for (var i = 0; i < repeats + 5; i++)
                {
                    if (i == 5) clock.Start();
                    using var scope = NewDisposeScope();
                    pool(x).sum().backward();
                    x.grad!.zero_();
                }
                seconds[name] = clock.Elapsed.TotalSeconds / repeats;
            }
            using (no_grad())
            {
                var diff = (nn.functional.avg_pool2d(x, 3, 1, 1, count_include_pad: false) - AveragePooling.Pool3x3(x)).abs().max().item<float>();
                Console.WriteLine($"C={c} {size}x{size} batch 64: avg_pool2d {seconds["avg_pool2d"] * 1e3:F2} ms, depthwise {seconds["depthwise"] * 1e3:F2} ms " +
                                  $"(forward+backward), max |difference| {diff:E1}");
            }
        }
        return 0;
    }
}
