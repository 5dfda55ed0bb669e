using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json.Nodes;

namespace VpDarts.Bench;

/// <summary>Every workload for this project and the PyTorch peer in one run, as a ratio table in RESULTS.md.</summary>
internal static class Comparison
{
    public static int Run(Options options)
    {
        // The default is looked up only when --peer is not given: a checkout without ../shared still runs with --peer.
        var script = options.Find("peer") is { } given ? ExistingPeer(given) : FindPeer();
        var output = options.Get("out", Path.Combine("bench", "RESULTS.md"));
        var threads = options.Int("threads", 2);
        var rows = new List<(string Mode, int N, JsonObject Ours, JsonObject Peer)>();
        var matmul = FlopCount.MatmulGflops(threads);
        Console.Error.WriteLine($"matmul: {matmul:F1} GFLOP/s on {threads} threads");
        foreach (var n in new[] { 1, 5 })
        {
            foreach (var mode in new[] { "train", "arch", "ablate" })
            {
                var batch = mode == "ablate" ? 256 : 64;
                // Short train/arch measurements (N=1: ~10 s) are at the mercy of a shared machine: more steps, and
                // the median of several alternating pairs. The ablation rows are long enough to run once.
                var steps = mode == "ablate" ? (n == 1 ? 2 : 1) : options.Int("steps", n == 1 ? 30 : 10);
                var repeats = mode == "ablate" ? 1 : options.Int("repeats", 3);
                Console.Error.WriteLine($"measuring {mode} N={n} ({repeats}×) ...");
                JsonObject Ours() => Children.Ours(mode, n, 16, batch, threads, steps);
                JsonObject Peer() => Children.Peer(script, mode, n, 16, batch, threads, steps);
                var pairs = new List<(JsonObject Ours, JsonObject Peer)>();
                for (var r = 0; r < repeats; r++)
                {
                    // Alternate who goes first so drift on a shared machine does not favour one side.
                    if (((rows.Count + r) & 1) == 0)
                    {
                        var ours = Ours();
                        pairs.Add((ours, Peer()));
                    }
                    else
                    {
                        var peer = Peer();
                        pairs.Add((Ours(), peer));
                    }
                    Console.Error.WriteLine($"  vpdarts {pairs[^1].Ours["images_per_s"]} img/s, peer {pairs[^1].Peer["images_per_s"]} img/s");
                }
                rows.Add((mode, n, Median(pairs.Select(p => p.Ours).ToList()), Median(pairs.Select(p => p.Peer).ToList())));
            }
        }
        var report = Render(rows, threads, script, matmul) + Environment.NewLine + PresetEpoch.Measure(1);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(output))!);
        VpDarts.Runtime.AtomicFile.WriteAllText(output, report);
        Console.WriteLine(report);
        return 0;
    }

    /// <summary>The measurement with the median speed, carrying the highest peak memory of all of them.</summary>
    private static JsonObject Median(List<JsonObject> runs)
    {
        var sorted = runs.OrderBy(r => r["images_per_s"]!.GetValue<double>()).ToList();
        var median = (JsonObject)sorted[sorted.Count / 2].DeepClone();
        median["peak_rss_mb"] = runs.Max(r => r["peak_rss_mb"]!.GetValue<double>());
        median["repeats"] = runs.Count;
        return median;
    }

    private static string ExistingPeer(string path) =>
        File.Exists(path) ? Path.GetFullPath(path) : throw new ArgumentException($"--peer: file not found: {path}");

    private static string FindPeer()
    {
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "..", "shared", "reference", "nb201_supernet_torch.py");
            if (File.Exists(candidate)) return Path.GetFullPath(candidate);
        }
        throw new InvalidOperationException("cannot find ../shared/reference/nb201_supernet_torch.py; pass --peer PATH");
    }

    private static string Render(List<(string Mode, int N, JsonObject Ours, JsonObject Peer)> rows, int threads, string script, double matmul)
    {
        string F(double v) => v.ToString("F1", CultureInfo.InvariantCulture);
        var text = new StringBuilder();
        text.AppendLine("# Performance against the PyTorch peer");
        text.AppendLine();
        text.AppendLine($"Measured {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC on {Environment.ProcessorCount} cores, " +
                        $"{RuntimeInformation.OSDescription}, {CpuModel()}; {threads} threads, C=16, batch 64 (train, arch) / 256 (ablate), random 32×32 inputs.");
        text.AppendLine($"Peer: `{Path.GetFileName(script)}` on {rows[0].Peer["impl"]}. Each measurement runs in its own process; both sides in the same run.");
        text.AppendLine();
        text.AppendLine($"Machine's single-precision matmul rate (1024², best of 5, same run): **{F(matmul)} GFLOP/s**.");
        text.AppendLine();
        text.AppendLine("| workload | N | vpdarts img/s | PyTorch img/s | ratio | vpdarts GFLOP/s (% of matmul) | PyTorch GFLOP/s | vpdarts peak MB | PyTorch peak MB |");
        text.AppendLine("|---|---|---|---|---|---|---|---|---|");
        foreach (var (mode, n, ours, peer) in rows)
        {
            var a = ours["images_per_s"]!.GetValue<double>();
            var b = peer["images_per_s"]!.GetValue<double>();
            var flops = FlopCount.PerImage(mode, n, 16) / 1e9;
            text.AppendLine($"| {mode} | {n} | {F(a)} | {F(b)} | {(a / b).ToString("F2", CultureInfo.InvariantCulture)} | " +
                            $"{F(a * flops)} ({F(100 * a * flops / matmul)} %) | {F(b * flops)} | " +
                            $"{F(ours["peak_rss_mb"]!.GetValue<double>())} | {F(peer["peak_rss_mb"]!.GetValue<double>())} |");
        }
        text.AppendLine();
        text.AppendLine("GFLOP/s counts convolution multiply-adds only (weight step = 3× forward, architecture step = 2× forward since " +
                        "weights are frozen there, ablation = forward without the removed op); the peer's column uses the same counts.");
        text.AppendLine();
        long Steps(int n) => rows.First(r => r.Mode == "train" && r.N == n).Ours["images"]!.GetValue<long>() / 64;
        var repeats = rows.First(r => r.Mode == "train").Ours["repeats"]!.GetValue<int>();
        text.AppendLine($"Weight and architecture steps: {Steps(1)} (N=1) or {Steps(5)} (N=5) timed steps after 2 untimed ones, " +
                        $"median speed of {repeats} runs per side (alternating which side goes first), peak memory the highest " +
                        "of them. Ablation: one run per side, the 30 (edge, op) measurements over 2 (N=1) or 1 (N=5) batches of 256 " +
                        "(img/s counts 30 × the images, as the peer's 30 passes do; this project runs 25 passes for them, the " +
                        "6 `none` ops sharing the unablated one, and replays the stem and first cell from one trace per batch; " +
                        "its GFLOP/s column counts the peer's 30 full passes).");
        text.AppendLine();
        text.AppendLine("Reproduce: `dotnet run -c Release --project bench/VpDarts.Bench -- compare` (needs `apt-get install -y python3-torch`).");
        text.AppendLine("Where the time goes, and what was changed because of it: [PROFILE.md](PROFILE.md).");
        return text.ToString();
    }

    private static string CpuModel()
    {
        try
        {
            return File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':')[1].Trim() ?? "unknown CPU";
        }
        catch (IOException) { return "unknown CPU"; }
    }
}

/// <summary>Weight steps with and without glibc malloc tuning, in separate processes.</summary>
internal static class MallocComparison
{
    public static int Run(Options options)
    {
        var n = options.Int("N", 1);
        var c = options.Int("C", 16);
        var steps = options.Int("steps", 20);
        var tuned = Children.Ours("train", n, c, 64, 2, steps);
        var plain = Children.Ours("train", n, c, 64, 2, steps, new Dictionary<string, string> { ["VPDARTS_NO_MALLOPT"] = "1" });
        Console.WriteLine("| malloc | img/s | user s | system s |");
        Console.WriteLine("|---|---|---|---|");
        foreach (var (name, r) in new[] { ("default glibc", plain), ("mallopt tuned", tuned) })
            Console.WriteLine($"| {name} | {r["images_per_s"]} | {r["user_seconds_total"]} | {r["system_seconds_total"]} |");
        return 0;
    }
}
