using VpDarts.Benchmark;
using VpDarts.SearchSpace;

namespace VpDarts.Cli.Commands;

/// <summary><c>vpdarts bench query ARCH</c>: one cell's accuracies, percentiles and ranks.</summary>
public sealed class BenchQueryCommand(IAnsiConsole console) : Command<BenchQueryCommand.Settings>
{
    /// <summary>Arguments of <c>bench query</c>.</summary>
    public sealed class Settings : TableSettings
    {
        /// <summary>The cell as an NB201 arch string.</summary>
        [CommandArgument(0, "<ARCH>")]
        [Description("The cell as an NB201 arch string, e.g. |nor_conv_3x3~0|+|none~0|skip_connect~1|+|... (quote it: '|' is a shell pipe)")]
        public string Arch { get; set; } = "";
    }

    /// <inheritdoc />
    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        if (!Genotype.TryParse(settings.Arch, out var genotype, out var reason))
            throw new UserInputException($"<ARCH>: {reason}");
        var table = settings.LoadTable();
        var scores = table.Get(genotype!);
        var positions = Nb201Datasets.All
            .Select(d => (Dataset: d, Percentile: table.Percentile(genotype!, d), Rank: table.Rank(genotype!, d)))
            .ToArray();

        if (Output.IsTerminal(console))
        {
            Output.Line(console, genotype!.ToString());
            var grid = new Table()
                .AddColumn("Data set").AddColumn(new TableColumn("Test accuracy (%)").RightAligned())
                .AddColumn(new TableColumn("Percentile").RightAligned()).AddColumn(new TableColumn("Rank").RightAligned());
            foreach (var (dataset, percentile, rank) in positions)
                grid.AddRow(dataset.DisplayName(), Output.F2(scores[dataset]), Output.F2(percentile), $"{rank} of {table.Count}");
            grid.Caption("percentile: % of cells below, ties count half");
            console.Write(grid);
            return 0;
        }

        Output.Line(console, genotype!.ToString());
        Output.Line(console, string.Join("  ", Nb201Datasets.All.Select(d => $"{d.DisplayName()} {Output.F2(scores[d])}")));
        foreach (var (dataset, percentile, rank) in positions)
            Output.Line(console, $"{dataset.DisplayName()} percentile {Output.F2(percentile)}  rank {rank} of {table.Count}");
        return 0;
    }
}
