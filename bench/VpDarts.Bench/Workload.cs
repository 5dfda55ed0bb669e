using System.Diagnostics;
using System.Text.Json.Nodes;
using TorchSharp;
using VpDarts.Data;
using VpDarts.Importance;
using VpDarts.Models;
using VpDarts.Optimizers;
using VpDarts.SearchSpace;
using static TorchSharp.torch;

namespace VpDarts.Bench;

/// <summary>
/// The three workloads of a VP-DARTS epoch, timed the way the PyTorch peer times them (random data, 4 batches
/// cycled, warm-up steps excluded): weight step, architecture step, validation ablation (30 measurements per batch).
/// </summary>
internal static class Workload
{
    public static JsonObject Run(string mode, int n, int c, int batch, int size, int threads, int steps, int warmup)
    {
        torch.set_num_threads(threads);
        torch.manual_seed(0);
        using var net = new Supernet(new NetworkShape(c, n, 3, 10), ArchWeighting.Raw, skipDropout: 0.2);
        var weights = net.WeightParameters().ToList();
        using var wopt = new SgdOptimizer(weights, 0.025, 0.9, 3e-4);
        using var aopt = new AdamOptimizer([net.Alpha], 3e-4, 0.5, 0.999, weightDecay: 1e-3);
        var xs = Enumerable.Range(0, 4).Select(_ => randn(batch, 3, size, size)).ToArray();
        var ys = Enumerable.Range(0, 4).Select(_ => randint(0, 10, batch)).ToArray();
        net.train();
        long images = 0;
        var cpuStart = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = new Stopwatch();
        if (mode is "train" or "arch")
        {
            var trainWeights = mode == "train";
            for (var it = 0; it < warmup + steps; it++)
            {
                if (it == warmup)
                {
                    clock.Start();
                    cpuStart = Process.GetCurrentProcess().TotalProcessorTime;
                }
                using var scope = NewDisposeScope();
                net.Alpha.requires_grad = !trainWeights;
                foreach (var p in weights) p.requires_grad = trainWeights;
                (trainWeights ? (optim.Optimizer)wopt : aopt).zero_grad();
                var loss = nn.functional.cross_entropy(net.Forward(xs[it % 4]), ys[it % 4]);
                loss.backward();
                if (trainWeights)
                {
                    nn.utils.clip_grad_norm_(weights, 5.0);
                    wopt.step();
                }
                else aopt.step();
            }
            images = (long)batch * steps;
        }
        else
        {
            // The product's ablation over `steps` batches: all 30 (edge, op) measurements, batch by batch with the
            // stem and first cell traced once per batch (the 6 `none` ops share the unablated pass). Images count
            // as the peer counts them: 30 measurements × the batches' images.
            var batches = Enumerable.Range(0, steps).Select(b => new Batch(xs[b % 4], ys[b % 4])).ToList();
            var criterion = new AblationImportance(AblationMeasure.Accuracy,
                new AblationOptions { AfterPass = VpDarts.Runtime.MallocTuning.ReleaseFreeMemory });
            using var alpha = net.Alpha.detach().clone();
            criterion.Evaluate(net, alpha, CellTopology.EveryOp(true), _ => batches.Take(1).ToList());
            clock.Start();
            cpuStart = Process.GetCurrentProcess().TotalProcessorTime;
            criterion.Evaluate(net, alpha, CellTopology.EveryOp(true), _ => batches);
            images = (long)batch * steps * CellTopology.EdgeCount * Operations.Count;
        }
        clock.Stop();
        var process = Process.GetCurrentProcess();
        var (user, system) = CpuTimes();
        return new JsonObject
        {
            ["impl"] = "vpdarts", ["mode"] = mode, ["N"] = n, ["C"] = c, ["batch"] = batch, ["threads"] = threads,
            ["images"] = images, ["seconds"] = Math.Round(clock.Elapsed.TotalSeconds, 3),
            ["images_per_s"] = Math.Round(images / clock.Elapsed.TotalSeconds, 2),
            ["cpu_seconds"] = Math.Round((process.TotalProcessorTime - cpuStart).TotalSeconds, 3),
            ["user_seconds_total"] = user, ["system_seconds_total"] = system,
            ["peak_rss_mb"] = PeakRssMb(), ["mallopt"] = VpDarts.Runtime.NativeBootstrap.EnsureLoaded().MallocTuned,
        };
    }

    /// <summary>Peak resident set (VmHWM) of this process in MB.</summary>
    public static double PeakRssMb()
    {
        var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return Math.Round(long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) / 1024.0, 1);
    }

    /// <summary>User and kernel CPU seconds of this process so far (from /proc/self/stat).</summary>
    public static (double User, double System) CpuTimes()
    {
        var stat = File.ReadAllText("/proc/self/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        const double ticks = 100.0;  // USER_HZ
        return (Math.Round(long.Parse(fields[11]) / ticks, 2), Math.Round(long.Parse(fields[12]) / ticks, 2));
    }
}
