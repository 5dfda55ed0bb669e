using System.Text.Json.Nodes;
using VpDarts.Benchmark;
using VpDarts.SearchSpace;

namespace VpDarts.Reporting;

/// <summary>
/// NB201 scores of a cell from the run's own JSON (<c>nb201</c> objects of result.json and metrics lines) or, when
/// given, from the accuracy table, which also yields percentiles and ranks.
/// </summary>
internal static class Nb201Lookup
{
    /// <summary>The CIFAR-10 accuracy of a metrics line, from its own <c>nb201</c> or else the table.</summary>
    public static double? Cifar10(EpochRecord m, Nb201Table? table)
    {
        if (Number(m.Nb201, Nb201Dataset.Cifar10.Key()) is { } value) return value;
        if (table is null || !Genotype.TryParse(m.Arch, out var cell, out _)) return null;
        return table.TryGet(cell!, out var scores) ? scores.Cifar10 : null;
    }

    /// <summary>The rows for <paramref name="cell"/>, or an empty list when nothing is known.</summary>
    public static IReadOnlyList<Nb201Row> Rows(Genotype? cell, JsonObject? fromRun, string runSource, Nb201Table? table, out string source)
    {
        source = "";
        var rows = new List<Nb201Row>();
        var inTable = cell is not null && table is not null && table.Contains(cell);
        foreach (var dataset in Nb201Datasets.All)
        {
            var accuracy = Number(fromRun, dataset.Key());
            double? percentile = null;
            int? rank = null, of = null;
            if (inTable)
            {
                accuracy ??= table!.Get(cell!)[dataset];
                percentile = table!.Percentile(cell!, dataset);
                rank = table.Rank(cell!, dataset);
                of = table.Count;
            }
            else
            {
                percentile = Stat(fromRun, dataset, "percentile");
                rank = Stat(fromRun, dataset, "rank") is { } r ? (int)r : null;
            }
            if (accuracy is not null) rows.Add(new Nb201Row(dataset, accuracy, percentile, rank, of));
        }
        var fromRunHas = Nb201Datasets.All.Any(d => Number(fromRun, d.Key()) is not null);
        var tableText = inTable ? $"table `{table!.Source}` ({table.Count} cells)" : "";
        source = (fromRunHas, inTable) switch
        {
            (true, true) => $"accuracies from {runSource}, percentiles and ranks from {tableText}",
            (true, false) => runSource,
            (false, true) => tableText,
            _ => "",
        };
        return rows;
    }

    /// <summary>
    /// A percentile or rank the run recorded itself, under any of the spellings <c>cifar10_test_percentile</c>,
    /// <c>cifar10_percentile</c>, <c>percentile.cifar10_test</c> or <c>percentiles.cifar10</c>.
    /// </summary>
    private static double? Stat(JsonObject? nb201, Nb201Dataset dataset, string stat)
    {
        if (nb201 is null) return null;
        var keys = new[] { dataset.Key(), dataset.Key().Replace("_test", "", StringComparison.Ordinal) };
        foreach (var key in keys)
        {
            if (Number(nb201, $"{key}_{stat}") is { } flat) return flat;
            foreach (var group in new[] { stat, stat + "s" })
                if (nb201[group] is JsonObject nested && Number(nested, key) is { } value) return value;
        }
        return null;
    }

    private static double? Number(JsonObject? obj, string key) => JsonFields.NumberOrNull(obj, key);
}
