using VpDarts.Benchmark;

namespace VpDarts.Cli.Commands;

/// <summary><c>vpdarts bench stats</c>: size, best cells and accuracy spread of the table.</summary>
public sealed class BenchStatsCommand(IAnsiConsole console) : Command<TableSettings>
{
    /// <inheritdoc />
    public override int Execute(CommandContext context, TableSettings settings, CancellationToken cancellationToken)
    {
        var table = settings.LoadTable();

        if (Output.IsTerminal(console))
        {
            Output.Line(console, $"{table.Count} cells in {table.Source}");
            var grid = new Table()
                .AddColumn("Data set").AddColumn(new TableColumn("Mean ± std (%)").RightAligned())
                .AddColumn(new TableColumn("Best (%)").RightAligned());
            foreach (var dataset in Nb201Datasets.All)
            {
                grid.AddRow(dataset.DisplayName(), $"{Output.F2(table.Mean(dataset))} ± {Output.F2(table.Std(dataset))}",
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
            Output.Line(console, $"{dataset.DisplayName()} mean {Output.F2(table.Mean(dataset))} ± {Output.F2(table.Std(dataset))}" +
                                 $"  best {Output.F2(best.Scores[dataset])} {best.Genotype}");
        }
        Output.Line(console, "std is the population standard deviation over all cells");
        return 0;
    }
}
