using VpDarts.Runs;
using VpDarts.Benchmark;
using VpDarts.Reporting;

namespace VpDarts.Cli.Commands;

/// <summary>
/// <c>vpdarts report RUN_DIR [--table FILE]</c>: (re)writes a run's <c>report.md</c> and figures from its folder and
/// prints the report's path, then a <c>note:</c> line for each figure not drawn and for an unfinished run.
/// </summary>
public sealed class ReportCommand(IAnsiConsole console) : Command<ReportCommand.Settings>
{
    /// <summary>Arguments of <c>report</c>.</summary>
    public sealed class Settings : CommandSettings
    {
        /// <summary>The run folder.</summary>
        [CommandArgument(0, "<RUN_DIR>")]
        [Description("Run folder written by a search: config.json, metrics.jsonl and, once finished, result.json")]
        public string RunDir { get; set; } = "";

        /// <summary>The NB201 accuracy table, if given.</summary>
        [CommandOption("-t|--table <FILE>")]
        [Description("NB201 accuracy CSV (columns arch,cifar10_test,cifar100_test,imagenet16_120_test; or $" +
                     TableLocation.Variable + "): " +
                     "adds percentiles and ranks, and scores cells the run did not score")]
        public string? Table { get; set; }
    }

    /// <summary>Adds the command to the application.</summary>
    public static void Register(IConfigurator config) =>
        config.AddCommand<ReportCommand>("report")
            .WithDescription("Write a run's report.md and figures (α per edge, importance heat map, loss/accuracy, " +
                             "pruning, cell) into the run folder, from its files alone; a run still going is " +
                             "reported when it has stopped (one writer per run folder).")
            .WithExample("report", "runs/vp-darts-cifar10")
            .WithExample("report", "runs/vp-darts-cifar10", "--table", "nb201-test-accuracy-200ep.csv");

    /// <inheritdoc />
    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var table = TableLocation.Resolve(settings.Table) is { } path ? Nb201Table.Load(path) : null;
        using var writer = new RunDirectory(settings.RunDir).HoldsRun
            ? RunLock.Acquire(settings.RunDir, "RUN_DIR", "vpdarts report") : null;
        var output = RunReport.Write(settings.RunDir, table);
        Output.Line(console, OneLine.Escape(output.ReportPath));
        if (!output.Finished)
            Output.Line(console,
                "note: the run has not finished (no result.json); the report covers the epochs so far");
        foreach (var skipped in output.Skipped) Output.Line(console, $"note: not drawn: {skipped}");
        return 0;
    }
}
