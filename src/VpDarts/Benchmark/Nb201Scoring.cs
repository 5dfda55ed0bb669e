using VpDarts.Runs;
using VpDarts.SearchSpace;

namespace VpDarts.Benchmark;

/// <summary>A found cell's NB201 scores as the record that metrics and results carry.</summary>
public static class Nb201Scoring
{
    /// <summary>
    /// The cell's accuracies on the three data sets (4 decimals) and its CIFAR-10 percentile (3 decimals) and rank,
    /// or null when the table lacks the cell.
    /// </summary>
    public static Nb201Record? Score(Nb201Table table, Genotype arch)
    {
        if (!table.TryGet(arch, out var scores)) return null;
        return new Nb201Record
        {
            Cifar10Test = Math.Round(scores.Cifar10, 4),
            Cifar100Test = Math.Round(scores.Cifar100, 4),
            ImageNet16_120Test = Math.Round(scores.ImageNet16_120, 4),
            Cifar10Percentile = Math.Round(table.Percentile(arch, Nb201Dataset.Cifar10), 3),
            Cifar10Rank = table.Rank(arch, Nb201Dataset.Cifar10),
        };
    }

    /// <summary>The test accuracy <paramref name="scores"/> records for <paramref name="dataset"/>, if any.</summary>
    public static double? Accuracy(this Nb201Record scores, Nb201Dataset dataset) => dataset switch
    {
        Nb201Dataset.Cifar10 => scores.Cifar10Test,
        Nb201Dataset.Cifar100 => scores.Cifar100Test,
        Nb201Dataset.ImageNet16_120 => scores.ImageNet16_120Test,
        _ => throw new ArgumentOutOfRangeException(nameof(dataset), dataset, "not an NB201 data set"),
    };
}
