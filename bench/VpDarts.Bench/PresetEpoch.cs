using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace VpDarts.Bench;

/// <summary>
/// Where a <c>cpu</c>-preset search spends its time: the preset's phases (N=1, C=8, 5,000 search-train and 2,500
/// search-valid images, batch 64, ablation batch 256, one thread as the documented searches run) timed on random
/// data, each in its own process, and scaled to the preset's image counts: 19 epochs of weight steps, 9 pruning
/// epochs of architecture steps and ablations, one final selection (an ablation over all of search-valid).
/// </summary>
internal static class PresetEpoch
{
    private const int TrainImages = 5000, ValidImages = 2500, Epochs = 19, PruningEpochs = 9;

    public static string Measure(int threads)
    {
        Console.Error.WriteLine("measuring the cpu preset's phases (weight steps, architecture steps, ablation) ...");
        var weight = Children.Ours("train", 1, 8, 64, threads, 79);
        var arch = Children.Ours("arch", 1, 8, 64, threads, 79);
        var ablation = Children.Ours("ablate", 1, 8, 256, threads, 10);
        // An ablation's images count its 30 measurements; one ablation of the preset covers search-valid once.
        static double PerImage(JsonObject r, int measurements = 1) =>
            r["cpu_seconds"]!.GetValue<double>() / (r["images"]!.GetValue<double>() / measurements);
        var w = PerImage(weight) * TrainImages;
        var a = PerImage(arch) * TrainImages;  // one architecture step per weight step, on a search-valid batch
        var abl = PerImage(ablation, 30) * ValidImages;
        var phases = new (string Name, double Epoch, int Count)[]
        {
            ("weight steps", w, Epochs), ("architecture steps", a, PruningEpochs), ("ablation", abl, PruningEpochs),
            ("final selection", abl, 1),
        };
        var total = phases.Sum(p => p.Epoch * p.Count);
        string F(double v) => v.ToString("F1", CultureInfo.InvariantCulture);
        var text = new StringBuilder();
        text.AppendLine("## The `cpu` preset's search, phase by phase");
        text.AppendLine();
        text.AppendLine($"CPU seconds on {threads} thread{(threads == 1 ? "" : "s")}, random data, each phase in its own " +
                        "process, scaled to the preset's images (5,000 search-train, 2,500 search-valid per epoch; 10 " +
                        "warm-up epochs of weight steps, then 9 pruning epochs with architecture steps and an ablation " +
                        "each, and the final selection).");
        text.AppendLine();
        text.AppendLine("| phase | CPU s per epoch | epochs | CPU s per search | share |");
        text.AppendLine("|---|---|---|---|---|");
        foreach (var (name, epoch, count) in phases)
            text.AppendLine($"| {name} | {F(epoch)} | {count} | {F(epoch * count)} | {F(100 * epoch * count / total)} % |");
        text.AppendLine($"| **search** | – | {Epochs} | **{F(total)}** ({F(total / 60)} min) | 100 % |");
        text.AppendLine();
        text.AppendLine("Not counted: data loading and augmentation, checkpoints, the supernet's construction.");
        return text.ToString();
    }
}
