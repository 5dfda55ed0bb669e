using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using VpDarts.Benchmark;
using VpDarts.Diagnostics;
using VpDarts.Experiments;
using VpDarts.Reporting;
using VpDarts.Runs;
using VpDarts.Runtime;

namespace VpDarts.Cli.Commands;

/// <summary><c>vpdarts experiment NAME</c>: plans the searches, runs the unfinished ones (or writes a cluster job),
/// summarises.</summary>
public sealed class ExperimentCommand(IAnsiConsole console, GivenArguments arguments) : TorchCommand<ExperimentSettings>
{
    /// <summary>
    /// <c>--print-config</c>: <c>{"searches": {NAME: settings, …}, "provenance": …}</c>, each search's settings
    /// resolved as its <c>config.json</c> will record them (its table the source table; the experiment folder gets a
    /// copy).
    /// </summary>
    private static int PrintConfig(IAnsiConsole console, ExperimentPlan plan, IReadOnlyList<string> arguments)
    {
        var searches = new JsonObject();
        foreach (var spec in plan.Specs)
            searches[spec.Name] = JsonSerializer.SerializeToNode(spec.Config.Resolved(), RunDirectory.Json);
        var printed = new JsonObject
        {
            ["searches"] = searches,
            [RunProvenance.Key] = JsonSerializer.SerializeToNode(RunProvenance.Capture(arguments), RunDirectory.Json),
        };
        console.Profile.Out.Writer.Write(printed.ToJsonString(RunDirectory.Json) + "\n");
        console.Profile.Out.Writer.Flush();
        return 0;
    }

    /// <summary>File name of the table copy inside an experiment folder.</summary>
    public const string TableCopy = "nb201.csv";

    /// <inheritdoc />
    protected override int ExecuteWithTorch(CommandContext context, ExperimentSettings settings,
        CancellationToken cancellationToken) =>
        Run(console, ExperimentCatalog.Get((string)context.Data!), settings, arguments.Values, cancellationToken);

    /// <summary>
    /// Plans <paramref name="definition"/> with the common options, writes the plan into the experiment folder, then
    /// runs the unfinished searches (or writes the cluster job of <c>--emit</c>) and summarises; returns the exit code.
    /// The searches it runs in this process record <paramref name="arguments"/> as their command line.
    /// </summary>
    internal static int Run(IAnsiConsole console, ExperimentDefinition definition, ExperimentSettings settings,
        IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var name = definition.Name;
        var cores = Environment.ProcessorCount;
        var parallel = settings.Parallel ?? 1;
        var emit = settings.Emit is not null;
        var baseConfig = settings.BaseConfig(c =>
            settings.Threads ?? (emit ? c.Threads : ThreadBudget.PerSearch(cores, parallel, c.Threads)));
        var source = Path.GetFullPath(settings.TablePath!);
        // every setting checked before any write
        var checkedPlan =
            ExperimentPlan.Create(definition, settings.Preset, baseConfig with { Table = source }, settings.Seeds);
        if (settings.PrintConfig) return PrintConfig(console, checkedPlan, arguments);

        var root = Path.GetFullPath(settings.Out ?? Path.Combine("experiments", $"{name}-{settings.Preset}"));
        if (emit) ClusterJobs.CheckFolder(settings.Emit!, root);  // before the folder is created
        var dir = new ExperimentDirectory(root);
        checkedPlan.EnsureSameExperiment(dir);  // before the table copy replaces the folder's own
        var tablePath = dir.In(TableCopy);
        if (source != tablePath)
            AtomicFile.Write(tablePath, stream => { using var from = File.OpenRead(source); from.CopyTo(stream); });
        var plan =
            ExperimentPlan.Create(definition, settings.Preset, baseConfig with { Table = tablePath }, settings.Seeds);
        plan.WriteTo(dir);
        Output.Line(console, $"vpdarts experiment {name}: {plan.Definition.Title}; preset {plan.Preset}, " +
                             $"{plan.Seeds} seed{(plan.Seeds == 1 ? "" : "s")}, {plan.Specs.Count} searches");
        Output.Line(console, $"experiment folder: {dir.Root}");

        if (emit)
        {
            var file = ClusterJobs.Write(settings.Emit!, plan, dir, settings.Parallel, settings.Resources);
            Output.Line(console, $"wrote {file} ({plan.Specs.Count} array indices, {baseConfig.Threads} " +
                $"thread{(baseConfig.Threads == 1 ? "" : "s")} each)");
            Output.Line(console, $"submit: {ClusterJobs.SubmitCommand(settings.Emit!, file)}");
            Output.Line(console, $"then: {ClusterJobs.CollectCommand(dir.Root)}");
            return 0;
        }

        if (ThreadBudget.Oversubscription(cores, parallel, baseConfig.Threads) is { } warning)
            Output.Line(console, warning);
        Output.Line(console, parallel == 1
            ? $"searches run one at a time in this process, {baseConfig.Threads} torch " +
                $"thread{(baseConfig.Threads == 1 ? "" : "s")} each"
            : $"{parallel} searches at a time as child processes, {baseConfig.Threads} torch " +
                $"thread{(baseConfig.Threads == 1 ? "" : "s")} each ({cores} cores)");
        var table = Nb201Table.Load(tablePath);
        // child searches check themselves
        if (parallel == 1 && baseConfig.Device == "cpu") Preflight.Run(baseConfig.Threads);
        ISearchLauncher launcher = parallel == 1 ? new InProcessSearchLauncher(table, arguments) : ChildLauncher();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };
        Console.CancelKeyPress += onCancel;
        ExperimentRunSummary summary;
        try
        {
            summary = new ExperimentRunner(plan, dir, launcher,
                parallel) { Note = line => Output.Line(console, line) }.Run(stop.Token);
        }
        catch (OperationCanceledException)
        {
            Output.Line(console, "stopped; finished searches are kept and unfinished ones resume from their last " +
                "checkpoint. Re-run the same command to go on.");
            return 130;
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
        var report = ExperimentReport.Write(plan, dir, table);
        ExperimentCollectCommand.Print(console, report);
        foreach (var (spec, reason) in summary.Failed) Output.Line(console, $"failed: {spec.Name}: {reason}");
        return summary.Failed.Count == 0 ? 0 : 1;
    }

    /// <summary>How to start this command line as a child process: the apphost, or the dotnet host with the CLI
    /// assembly.</summary>
    internal static ProcessSearchLauncher ChildLauncher()
    {
        var cli = typeof(CliApp).Assembly.Location;
        var current = Environment.ProcessPath;
        if (current is not null && Path.GetFileNameWithoutExtension(current) == "dotnet")
            return new ProcessSearchLauncher(current, [cli]);
        if (current is not null && Assembly.GetEntryAssembly() == typeof(CliApp).Assembly)
            return new ProcessSearchLauncher(current, []);
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        return new ProcessSearchLauncher(!string.IsNullOrEmpty(host) && File.Exists(host) ? host : "dotnet", [cli]);
    }
}
