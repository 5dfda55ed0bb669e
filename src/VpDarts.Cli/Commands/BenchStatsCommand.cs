using VpDarts.Benchmark;

namespace VpDarts.Cli.Commands;

/// <summary><c>vpdarts bench stats</c>: size, best cells and accuracy spread of the table, as text or one JSON
/// object.</summary>
public sealed class BenchStatsCommand(IAnsiConsole console) : Command<TableSettings>
{
    /// <inheritdoc />
    public override int Execute(CommandContext context, TableSettings settings, CancellationToken cancellationToken)
    {
        var table = settings.LoadTable();
        if (settings.Json)
        {
            Output.JsonLine(console, new BenchStatsRecord
            {
                Table = table.Source, Cells = table.Count,
                Cifar10Test = Stats(table, Nb201Dataset.Cifar10),
                Cifar100Test = Stats(table, Nb201Dataset.Cifar100),
                ImageNet16_120Test = Stats(table, Nb201Dataset.ImageNet16_120),
            });
            return 0;
        }

        if (Output.IsTerminal(console))
        {
            Output.Line(console, $"{table.Count} cells in {table.Source}");
            var grid = new Table()
                .AddColumn("Data set").AddColumn(new TableColumn("Mean ± std (%)").RightAligned())
                .AddColumn(new TableColumn("Best (%)").RightAligned());
            foreach (var dataset in Nb201Datasets.All)
            {
                grid.AddRow(dataset.DisplayName(),
                    $"{Output.F2(table.Mean(dataset))} ± {Output.F2(table.Std(dataset))}",
                    Output.F2(table.Best(dataset).Scores[dataset]));
            }
            grid.Caption("std: population standard deviation");
            console.Write(grid);
            // Arch strings are longer than most terminals are wide: unwrapped lines stay copyable.
            foreach (var dataset in Nb201Datasets.All)
                Output.Line(console, $"best {dataset.DisplayName()}: {table.Best(dataset).Genotype}");
            return 0;
        }

        Output.Line(console, $"table {table.Source}");
        Output.Line(console, $"count {table.Count}");
        foreach (var dataset in Nb201Datasets.All)
        {
            var best = table.Best(dataset);
            Output.Line(console, $"{dataset.DisplayName()} mean {Output.F2(table.Mean(dataset))} ± " +
                                 $"{Output.F2(table.Std(dataset))}  best {Output.F2(best.Scores[dataset])} " +
                                 $"{best.Genotype}");
        }
        Output.Line(console, "std is the population standard deviation over all cells");
        return 0;
    }

    private static AccuracyStatsRecord Stats(Nb201Table table, Nb201Dataset dataset) => new()
    {
        Mean = table.Mean(dataset), Std = table.Std(dataset),
        Best = table.Best(dataset).Scores[dataset], BestArch = table.Best(dataset).Genotype.ToString(),
    };
}
