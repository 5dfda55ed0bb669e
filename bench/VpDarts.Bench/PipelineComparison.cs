using TorchSharp;
using VpDarts.Data;
using static TorchSharp.torch;

namespace VpDarts.Bench;

/// <summary>The batch pipeline (augmented CIFAR-sized batches of 64) against the supernet's weight-step throughput.</summary>
internal static class PipelineComparison
{
    public static int Run(Options options)
    {
        var n = options.Int("N", 5);
        var c = options.Int("C", 16);
        var count = options.Int("images", 10000);
        using var g = new Generator(1);
        var images = randint(0, 256, [count, 3, 32, 32], dtype: ScalarType.Byte, generator: g);
        var labels = randint(0, 10, [count], generator: g);
        using var dataset = new ImageDataset("synthetic-cifar", images, labels, Enumerable.Range(0, 10).Select(i => $"c{i}").ToList(),
            [0.49f, 0.48f, 0.45f], [0.25f, 0.24f, 0.26f]);
        torch.set_num_threads(options.Int("threads", 2));
        var pipeline = BatchLoader.MeasureThroughput(dataset, 64, 300);
        var supernet = Children.Ours("train", n, c, 64, options.Int("threads", 2), options.Int("steps", 5));
        var train = supernet["images_per_s"]!.GetValue<double>();
        Console.WriteLine($"batch pipeline (augmented, batch 64): {pipeline:F0} img/s");
        Console.WriteLine($"supernet weight step (N={n}, C={c}, batch 64): {train:F1} img/s");
        Console.WriteLine($"ratio: {pipeline / train:F0}x (needs >= 20x)");
        return pipeline >= 20 * train ? 0 : 1;
    }
}
