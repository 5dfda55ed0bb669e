using System.Reflection;
using VpDarts.Cli.Commands;

namespace VpDarts.Cli;

/// <summary>
/// The <c>vpdarts</c> command line: builds the Spectre.Console.Cli application and runs it, with output going to
/// an injectable console and error lines to an injectable writer, so tests can run it in-process.
/// </summary>
public static class CliApp
{
    /// <summary>The command name users type.</summary>
    public const string Name = "vpdarts";

    /// <summary>The version shown by <c>vpdarts --version</c>: the assembly's informational version without build
    /// metadata.</summary>
    public static string Version { get; } =
        (typeof(CliApp).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
         ?? typeof(CliApp).Assembly.GetName().Version?.ToString()
         ?? "0.0.0").Split('+')[0];

    /// <summary>
    /// Builds the configured application. Normal output goes to <paramref name="console"/> (default: the process's
    /// standard output); errors go to <paramref name="error"/> (default: standard error) as one line each.
    /// </summary>
    /// <param name="console">Where normal output goes.</param>
    /// <param name="error">Where error lines go.</param>
    /// <param name="arguments">The command line as typed, which error lines quote from and runs record.</param>
    public static CommandApp Build(IAnsiConsole? console = null, TextWriter? error = null,
        IReadOnlyList<string>? arguments = null)
    {
        var errorWriter = error ?? Console.Error;
        var app = new CommandApp();
        app.Configure(config =>
        {
            config.SetApplicationName(Name);
            config.SetApplicationVersion(Version);
            // Help in one language, the tool's: Spectre would translate its headings (USAGE, OPTIONS) to the
            // user's locale.
            config.SetApplicationCulture(System.Globalization.CultureInfo.InvariantCulture);
            config.UseStrictParsing();
            config.SetInterceptor(new EmptyPathCheck());
            // As given, for the config.json of the runs the command starts (commands take it in their constructor).
            config.Settings.Registrar.RegisterInstance(new GivenArguments(arguments ?? []));
            config.ValidateExamples();
            if (console is not null) config.ConfigureConsole(console);
            config.SetExceptionHandler((exception, _) => CliErrors.Report(exception, errorWriter, arguments));
            Register(config);
        });
        return app;
    }

    /// <summary>Runs the command line and returns the process exit code (0 ok, 1 unexpected failure, 2 bad
    /// input).</summary>
    public static int Run(string[] args, IAnsiConsole? console = null, TextWriter? error = null)
    {
        // Files and lines in one form whatever the user's locale (15,625 not 15.625; a decimal point in CSV): the
        // process runs under the invariant culture (Program.cs), and so does a run of this method in another's thread.
        var culture = System.Globalization.CultureInfo.CurrentCulture;
        System.Globalization.CultureInfo.CurrentCulture = System.Globalization.CultureInfo.InvariantCulture;
        try
        {
            // The parser would take the command's name as the value of an option given last without one (--out).
            if (CliOptions.OptionWithoutValue(args) is { } bare)
                throw new UserInputException(
                    $"{bare}: expects {CliOptions.Expected(CliOptions.ValueType(bare))}, got nothing");
            return Build(console, error, args).Run(NormalizeArguments(args));
        }
        catch (Exception e)
        {
            // Anything that escapes Spectre's own handler (it should not) still becomes one line.
            return CliErrors.Report(e, error ?? Console.Error, args);
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = culture;
        }
    }

    /// <summary>
    /// Accepts <c>--k</c> (the method's own name for the pruning mode), which the parser cannot declare because long
    /// option names need two characters: it becomes <c>--k-mode</c>.
    /// </summary>
    public static string[] NormalizeArguments(string[] args) => args
        .Select(a =>
            a == "--k" ? "--k-mode" : a.StartsWith("--k=", StringComparison.Ordinal) ? "--k-mode=" + a[4..] : a)
        .ToArray();

    /// <summary>
    /// Every command group of the tool. A new group is one <c>AddBranch</c> line here; a new command in a group is one
    /// <c>AddCommand</c> line in the group's <c>Register</c> method (see <see cref="BenchCommands"/>).
    /// </summary>
    private static void Register(IConfigurator config)
    {
        config.AddCommand<DemoCommand>("demo")
            .WithDescription("A complete small VP-DARTS search on the embedded Fashion-MNIST sample: offline, a few " +
                "minutes on 2 cores.")
            .WithExample("demo")
            .WithExample("demo", "--method", "darts", "--seed", "1");
        config.AddCommand<SearchCommand>("search")
            .WithDescription("Search a cell with VP-DARTS or a baseline; writes config.json, metrics.jsonl, " +
                "result.json and checkpoints.")
            .WithExample("search", "--preset", "cpu", "--method", "vp-darts", "--k-mode", "adjustable",
                "--table", "nb201.csv")
            .WithExample("search", "--preset", "paper", "--device", "cuda", "--seed", "1", "--out", "runs/vp-seed1")
            .WithExample("search", "--resume", "runs/vp-seed1");
        config.AddCommand<ImportanceCompareCommand>("importance-compare")
            .WithDescription("Compare the exact validation ablation with the racing and screening estimators on a " +
                             "run's checkpoints: images evaluated and per-edge keep choices.")
            .WithExample("importance-compare", "--run", "runs/vp-darts-cifar10", "--draws", "3", "--threads", "1");
        TrainCommand.Register(config);
        ProxiesCommand.Register(config);
        DoctorCommand.Register(config);
        PredictCommand.Register(config);
        ExportCommand.Register(config);
        config.AddBranch("bench", bench =>
        {
            bench.SetDescription("Look cells up in the NAS-Bench-201 accuracy table (no training, no torch).");
            BenchCommands.Register(bench);
        });
        ReportCommand.Register(config);
        config.AddBranch("experiment", experiment =>
        {
            experiment.SetDescription("Repeat the paper's experiments (table1, table2, table3, fig5, fig8) compare " +
                "every search method (methods), or sweep a grid of settings (sweep), over seeds, locally or on a " +
                "cluster, and summarise them.");
            ExperimentCommands.Register(experiment);
        });
    }
}
