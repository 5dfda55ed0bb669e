using System.Globalization;
using VpDarts.Bench;

// vpdarts benchmarks, kept apart from the tests.
//   workload --mode train|arch|ablate [--N 1] [--C 16] [--batch 64] [--threads 2] [--steps 10]   one JSON line
//   compare [--out bench/RESULTS.md] [--steps 10]       this project vs the PyTorch peer, ratios, in one run
//   mallopt [--N 1] [--C 16]                            weight steps with and without the malloc tuning
//   pipeline [--N 5] [--C 16]                           batch pipeline img/s against the supernet's weight step
//   pooling [--threads 1]                               avg_pool2d against the depthwise-convolution average pool
//   epoch [--threads 1]                                 the cpu preset's search, phase by phase (also part of compare)
var command = args.Length > 0 ? args[0] : "compare";
var options = Options.Parse(args.Skip(1).ToArray());
try
{
    switch (command)
    {
        case "workload":
            Console.WriteLine(Workload.Run(options.Get("mode", "train"), options.Int("N", 1), options.Int("C", 16), options.Int("batch", 64),
                options.Int("size", 32), options.Int("threads", 2), options.Int("steps", 10), options.Int("warmup", 2)).ToJsonString());
            return 0;
        case "compare":
            return Comparison.Run(options);
        case "mallopt":
            return MallocComparison.Run(options);
        case "pipeline":
            return PipelineComparison.Run(options);
        case "pooling":
            return PoolingComparison.Run(options);
        case "epoch":
            Console.WriteLine(PresetEpoch.Measure(options.Int("threads", 1)));
            return 0;
        default:
            Console.Error.WriteLine($"error: unknown command '{command}' (expected workload, compare, mallopt, pipeline, pooling or epoch)");
            return 2;
    }
}
catch (Exception e) when (e is FormatException or ArgumentException or InvalidOperationException)
{
    Console.Error.WriteLine($"error: {e.Message}");
    return 2;
}

/// <summary>--key value pairs.</summary>
internal sealed class Options(Dictionary<string, string> values)
{
    public static Options Parse(string[] args)
    {
        var values = new Dictionary<string, string>();
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
                throw new ArgumentException($"expected --name value pairs, got '{args[i]}'");
            values[args[i][2..]] = args[++i];
        }
        return new Options(values);
    }

    public string Get(string key, string fallback) => values.GetValueOrDefault(key, fallback);

    public string? Find(string key) => values.GetValueOrDefault(key);

    public int Int(string key, int fallback) =>
        values.TryGetValue(key, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
}
