using VpDarts.Benchmark;
using VpDarts.SearchSpace;

namespace VpDarts.Cli.Commands;

/// <summary><c>vpdarts bench query ARCH...</c>: each cell's accuracies, percentiles and ranks, as text or JSON
/// lines.</summary>
public sealed class BenchQueryCommand(IAnsiConsole console) : Command<BenchQueryCommand.Settings>
{
    /// <summary>Arguments of <c>bench query</c>.</summary>
    public sealed class Settings : TableSettings
    {
        /// <summary>The cells as NB201 arch strings.</summary>
        [CommandArgument(0, "<ARCH>")]
        [Description("One or more cells as NB201 arch strings, e.g. |nor_conv_3x3~0|+|none~0|skip_connect~1|+|... " +
            "(quote them: '|' is a shell pipe)")]
        public string[] Archs { get; set; } = [];
    }

    /// <inheritdoc />
    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var genotypes = settings.Archs.Select(arch =>
            Genotype.TryParse(arch, out var genotype, out var reason)
                ? genotype! : throw new UserInputException($"<ARCH>: {reason}")).ToList();
        var table = settings.LoadTable();
        var scores = genotypes.Select(table.Get).ToList();  // every cell checked before anything is printed
        for (var i = 0; i < genotypes.Count; i++)
        {
            if (settings.Json) Output.JsonLine(console, Record(table, genotypes[i], scores[i]));
            else Print(table, genotypes[i], scores[i]);
        }
        return 0;
    }

    private static BenchQueryRecord Record(Nb201Table table, Genotype genotype, Nb201Scores scores) => new()
    {
        Arch = genotype.ToString(),
        SpaceIndex = genotype.Index,
        Cifar10Test = scores.Cifar10,
        Cifar100Test = scores.Cifar100,
        ImageNet16_120Test = scores.ImageNet16_120,
        Cifar10Percentile = table.Percentile(genotype, Nb201Dataset.Cifar10),
        Cifar100Percentile = table.Percentile(genotype, Nb201Dataset.Cifar100),
        ImageNet16_120Percentile = table.Percentile(genotype, Nb201Dataset.ImageNet16_120),
        Cifar10Rank = table.Rank(genotype, Nb201Dataset.Cifar10),
        Cifar100Rank = table.Rank(genotype, Nb201Dataset.Cifar100),
        ImageNet16_120Rank = table.Rank(genotype, Nb201Dataset.ImageNet16_120),
        Cells = table.Count,
    };

    private void Print(Nb201Table table, Genotype genotype, Nb201Scores scores)
    {
        var positions = Nb201Datasets.All
            .Select(d => (Dataset: d, Percentile: table.Percentile(genotype, d), Rank: table.Rank(genotype, d)))
            .ToArray();

        if (Output.IsTerminal(console))
        {
            Output.Line(console, genotype.ToString());
            var grid = new Table()
                .AddColumn("Data set").AddColumn(new TableColumn("Test accuracy (%)").RightAligned())
                .AddColumn(new TableColumn("Percentile").RightAligned())
                .AddColumn(new TableColumn("Rank").RightAligned());
            foreach (var (dataset, percentile, rank) in positions)
                grid.AddRow(dataset.DisplayName(), Output.F2(scores[dataset]), Output.F2(percentile),
                    $"{rank} of {table.Count}");
            grid.Caption("percentile: % of cells below, ties count half");
            console.Write(grid);
            return;
        }

        Output.Line(console, genotype.ToString());
        Output.Line(console,
            string.Join("  ", Nb201Datasets.All.Select(d => $"{d.DisplayName()} {Output.F2(scores[d])}")));
        foreach (var (dataset, percentile, rank) in positions)
            Output.Line(console,
                $"{dataset.DisplayName()} percentile {Output.F2(percentile)}  rank {rank} of {table.Count}");
    }
}
