using VpDarts.Benchmark;
using VpDarts.Experiments;
using VpDarts.Reporting;

namespace VpDarts.Cli.Commands;

/// <summary><c>vpdarts experiment collect DIR</c>: summarises an experiment folder from its finished
/// searches.</summary>
public sealed class ExperimentCollectCommand(IAnsiConsole console) : Command<ExperimentCollectCommand.Settings>
{
    /// <summary>Arguments of <c>collect</c>.</summary>
    public sealed class Settings : CommandSettings
    {
        /// <summary>The experiment folder.</summary>
        [CommandArgument(0, "<DIR>")]
        [Description("Experiment folder (holds experiment.json and runs/)")]
        public string Dir { get; set; } = "";

        /// <summary>The NB201 table, if given.</summary>
        [CommandOption("-t|--table <FILE>")]
        [Description("NB201 accuracy CSV [[default: the folder's nb201.csv, else $" + TableLocation.Variable +
            ", else the accuracies in result.json]]")]
        public string? Table { get; set; }
    }

    /// <inheritdoc />
    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(settings.Dir)) throw new UserInputException($"{settings.Dir}: no such folder");
        var dir = new ExperimentDirectory(settings.Dir);
        var plan = ExperimentPlan.Load(dir);
        var copy = dir.In(ExperimentCommand.TableCopy);
        var tablePath = TableLocation.Resolve(settings.Table, File.Exists(copy) ? copy : null);
        var report = ExperimentReport.Write(plan, dir, tablePath is null ? null : Nb201Table.Load(tablePath));
        Print(console, report);
        return 0;
    }

    /// <summary>Prints a summary's headline lines and where it was written.</summary>
    internal static void Print(IAnsiConsole console, ExperimentReportOutput report)
    {
        foreach (var line in report.Summary) Output.Line(console, line);
        Output.Line(console, $"finished searches: {report.Finished} of {report.Total}");
        Output.Line(console, $"report: {OneLine.Escape(report.ReportPath)}");
    }
}
