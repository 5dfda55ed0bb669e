using VpDarts.Benchmark;
using VpDarts.Runs;
using VpDarts.SearchSpace;

namespace VpDarts.Reporting;

/// <summary>
/// NB201 scores of a cell from the run's own records (<c>nb201</c> of result.json and metrics lines) or, when
/// given, from the accuracy table, which also yields percentiles and ranks.
/// </summary>
internal static class Nb201Lookup
{
    /// <summary>The CIFAR-10 accuracy of a metrics line, from its own <c>nb201</c> or else the table.</summary>
    public static double? Cifar10(SearchEpochRecord m, Nb201Table? table)
    {
        if (m.Nb201?.Cifar10Test is { } value) return value;
        if (table is null || !Genotype.TryParse(m.Arch, out var cell, out _)) return null;
        return table.TryGet(cell!, out var scores) ? scores.Cifar10 : null;
    }

    /// <summary>The rows for <paramref name="cell"/>, or an empty list when nothing is known.</summary>
    public static IReadOnlyList<Nb201Row> Rows(Genotype? cell, Nb201Record? fromRun, string runSource,
        Nb201Table? table, out string source)
    {
        source = "";
        var rows = new List<Nb201Row>();
        var inTable = cell is not null && table is not null && table.Contains(cell);
        foreach (var dataset in Nb201Datasets.All)
        {
            var accuracy = fromRun?.Accuracy(dataset);
            double? percentile = null;
            int? rank = null, of = null;
            if (inTable)
            {
                accuracy ??= table!.Get(cell!)[dataset];
                percentile = table!.Percentile(cell!, dataset);
                rank = table.Rank(cell!, dataset);
                of = table.Count;
            }
            else if (dataset == Nb201Dataset.Cifar10)
            {
                // The run records the CIFAR-10 percentile and rank only.
                percentile = fromRun?.Cifar10Percentile;
                rank = fromRun?.Cifar10Rank;
            }
            if (accuracy is not null) rows.Add(new Nb201Row(dataset, accuracy, percentile, rank, of));
        }
        var fromRunHas = Nb201Datasets.All.Any(d => fromRun?.Accuracy(d) is not null);
        var tableText = inTable ? $"table {MarkdownText.Path(table!.Source)} ({table.Count} cells)" : "";
        source = (fromRunHas, inTable) switch
        {
            (true, true) => $"accuracies from {runSource}, percentiles and ranks from {tableText}",
            (true, false) => runSource,
            (false, true) => tableText,
            _ => "",
        };
        return rows;
    }
}
