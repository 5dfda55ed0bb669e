using VpDarts.Runs;

namespace VpDarts.Cli.Commands;

/// <summary>
/// Options of the commands that start or continue a run with settings <typeparamref name="TConfig"/> (search, demo,
/// train): the settings file, the run folder and <c>--resume</c>, and how the run's config and folder follow from them.
/// </summary>
/// <typeparam name="TConfig"><see cref="SearchConfig"/> or <see cref="TrainConfig"/>.</typeparam>
public abstract class RunSettings<TConfig> : CommandSettings where TConfig : class
{
    /// <summary>The settings file applied over the preset.</summary>
    [CommandOption("--config <FILE>"),
        Description("JSON settings (config.json keys, snake_case) applied over the preset; options given here win")]
    public string? Config { get; set; }

    /// <summary>The folder of a new run; each command declares the option, with its own default folder name.</summary>
    public abstract string? Out { get; set; }

    /// <summary>Whether a new run may replace a run in <see cref="Out"/>.</summary>
    [CommandOption("--force"), Description(
        "Let --out replace a folder that holds an earlier run (only a run: a folder holding other files is refused)")]
    public bool Force { get; set; }

    /// <summary>The run folder to continue.</summary>
    [CommandOption("--resume <RUN_DIR>"),
        Description("Continue the run in RUN_DIR from its last checkpoint (its config.json; options given must agree)")]
    public string? Resume { get; set; }

    /// <summary>Whether to print the resolved settings and exit instead of running.</summary>
    [CommandOption("--print-config"), Description("Print the fully resolved settings as config.json would record " +
        "them (JSON on stdout), then exit without loading data or creating a folder")]
    public bool PrintConfig { get; set; }

    /// <summary>Applies the options that were given on top of <paramref name="config"/>.</summary>
    public abstract TConfig ApplyOptions(TConfig config);

    /// <summary>The folder of a new run: <c>--out</c>, else <c>runs/NAME-DATASET-TIME</c>; nothing is created
    /// yet.</summary>
    public RunDirectory NewRunFolder(string name, string dataset, string command) =>
        RunDirectory.ForNewRun(
            Out ?? Path.Combine("runs", $"{name}-{SafeName(dataset)}-{DateTime.Now:yyyyMMdd-HHmmss}"),
            "--out", Force, command);

    /// <summary>
    /// The run <c>--resume</c> names and its stored config, which the options given must not change. With
    /// <paramref name="command"/> (<c>search</c>, <c>train</c>) the run is to be continued: the folder is locked for it
    /// (refused when another process uses it) before anything is read, until the returned folder is disposed.
    /// </summary>
    public (TConfig Stored, RunDirectory Run) ResumedRun(string? command = null)
    {
        var run = RunDirectory.ForResume(Resume ?? throw new InvalidOperationException("--resume not given"),
            "--resume", command);
        try
        {
            var stored = SettingsFile<TConfig>.Load(run.ConfigPath);
            var differences = SettingsFile<TConfig>.Differences(stored, Build(stored));
            if (differences.Count > 0)
                throw new UserInputException($"--resume {run.Root}: settings differ from the run's config.json: " +
                    $"{string.Join("; ", differences)}");
            return (stored, run);
        }
        catch
        {
            run.Dispose();
            throw;
        }
    }

    /// <summary>
    /// <c>--print-config</c>: writes <paramref name="resolved"/> with its provenance to <paramref name="console"/>, as
    /// the run's <c>config.json</c> holds them, and returns the exit code 0. The provenance is the one
    /// <c>--resume</c>'s folder recorded when it started, else this process's with the command line
    /// <paramref name="arguments"/>.
    /// </summary>
    public int Print(IAnsiConsole console, TConfig resolved, IReadOnlyList<string> arguments)
    {
        var provenance = Resume is null
            ? null : SettingsFile<TConfig>.Provenance(RunDirectory.ForResume(Resume, "--resume").ConfigPath);
        var recorded = provenance ?? RunProvenance.Capture(arguments);
        console.Profile.Out.Writer.Write(RunDirectory.ConfigText(resolved, recorded));
        console.Profile.Out.Writer.Flush();
        return 0;
    }

    /// <inheritdoc />
    public override ValidationResult Validate()
    {
        if (Force && Resume is not null)
            return ValidationResult.Error(
                "--force: replaces a run at --out; --resume continues one, so they do not go together");
        if (Out is not null && Resume is not null)
            return ValidationResult.Error("--out: --resume continues the run in its own folder; drop --out");
        if (GivenPreset is not null && Resume is not null)
            return ValidationResult.Error("--preset: not used with --resume; a run continues under its own settings");
        return ValidationResult.Success();
    }

    /// <summary>The <c>--preset</c> given, if any; a resumed run has no preset to start from, so it is refused with
    /// <c>--resume</c>.</summary>
    protected abstract string? GivenPreset { get; }

    /// <summary>The run's config: <paramref name="preset"/>, then the <c>--config</c> file, then the options
    /// given.</summary>
    protected TConfig Build(TConfig preset)
        => ApplyOptions(Config is null ? preset : SettingsFile<TConfig>.Overlay(preset, Config));

    private static string SafeName(string dataset)
        => new(dataset.Select(ch => char.IsLetterOrDigit(ch) || ch == '-' ? ch : '_').ToArray());
}
