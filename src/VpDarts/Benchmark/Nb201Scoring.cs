using System.Text.Json.Nodes;
using VpDarts.SearchSpace;

namespace VpDarts.Benchmark;

/// <summary>A found cell's NB201 scores as the JSON that metrics and results carry.</summary>
public static class Nb201Scoring
{
    /// <summary>
    /// <c>{cifar10_test, cifar100_test, imagenet16_120_test, cifar10_percentile, cifar10_rank}</c>, or null when the
    /// table lacks the cell.
    /// </summary>
    public static JsonObject? Score(Nb201Table table, Genotype arch)
    {
        if (!table.TryGet(arch, out var scores)) return null;
        var json = new JsonObject();
        foreach (var dataset in Nb201Datasets.All) json[dataset.Key()] = Math.Round(scores[dataset], 4);
        json["cifar10_percentile"] = Math.Round(table.Percentile(arch, Nb201Dataset.Cifar10), 3);
        json["cifar10_rank"] = table.Rank(arch, Nb201Dataset.Cifar10);
        return json;
    }
}
