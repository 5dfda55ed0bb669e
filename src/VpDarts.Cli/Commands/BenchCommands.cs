namespace VpDarts.Cli.Commands;

/// <summary>The <c>vpdarts bench ...</c> commands.</summary>
public static class BenchCommands
{
    /// <summary>The all-skip cell, quoted for a shell as help examples show it.</summary>
    private const string AllSkipExample =
        "'|skip_connect~0|+|skip_connect~0|skip_connect~1|+|skip_connect~0|skip_connect~1|skip_connect~2|'";

    /// <summary>The best CIFAR-10 cell of NB201, quoted for a shell.</summary>
    private const string BestExample =
        "'|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|skip_connect~0|nor_conv_1x1~1|nor_conv_3x3~2|'";

    /// <summary>Adds the bench commands to their branch.</summary>
    public static void Register(IConfigurator<CommandSettings> bench)
    {
        bench.AddCommand<BenchQueryCommand>("query")
            .WithDescription("Print each cell's test accuracies on CIFAR-10, CIFAR-100 and ImageNet16-120 with its " +
                "percentile and rank.")
            .WithExample("bench", "query", AllSkipExample, "--table", "nb201-test-accuracy-200ep.csv")
            .WithExample("bench", "query", BestExample) // table from $VPDARTS_NB201_TABLE
            .WithExample("bench", "query", AllSkipExample, BestExample, "--json");

        bench.AddCommand<BenchStatsCommand>("stats")
            .WithDescription(
                "Print the table's cell count, the best cell per data set, and mean ± std of the accuracies.")
            .WithExample("bench", "stats", "--table", "nb201-test-accuracy-200ep.csv")
            .WithExample("bench", "stats")
            .WithExample("bench", "stats", "--json");
    }
}
