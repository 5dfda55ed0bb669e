using VpDarts.Experiments;
using VpDarts.Runs;

namespace VpDarts.Cli.Commands;

/// <summary>Options of <c>vpdarts experiment NAME</c> (and, with <c>--grid</c>, of <c>experiment sweep</c>).</summary>
public class ExperimentSettings : CommandSettings
{
    [CommandOption("--preset <NAME>")]
    [Description("Settings of every search: paper, cpu, demo or tiny (seconds, for tests) [[default: cpu]]")]
    public string Preset { get; set; } = "cpu";
    [CommandOption("--seeds <K>")]
    [Description("Seeds 0..K-1 per variant [[default: 3]]")]
    public int Seeds { get; set; } = 3;
    [CommandOption("-t|--table <FILE>")]
    [Description("NB201 accuracy CSV (or $" + TableLocation.Variable +
                 "); copied into the experiment folder as nb201.csv")]
    public string? Table { get; set; }
    [CommandOption("--parallel <P>")]
    [Description("Searches at once, each a child process with max(1, cores/P) torch threads [[default: 1, in this " +
                 "process]]; with --emit, the cluster's cap")]
    public int? Parallel { get; set; }
    [CommandOption("--out <DIR>")]
    [Description("Experiment folder [[default: experiments/<name>-<preset>]]")]
    public string? Out { get; set; }
    [CommandOption("--dataset <SPEC>"), Sets<SearchConfig>(nameof(SearchConfig.Dataset))]
    public string? Dataset { get; set; }
    [CommandOption("--data-dir <DIR>"), Sets<SearchConfig>(nameof(SearchConfig.DataDir))]
    public string? DataDir { get; set; }
    [CommandOption("--image-size <N>"), Sets<SearchConfig>(nameof(SearchConfig.ImageSize))]
    public int? ImageSize { get; set; }
    [CommandOption("--device <DEVICE>"), Sets<SearchConfig>(nameof(SearchConfig.Device))]
    public string? Device { get; set => field = value?.ToLowerInvariant(); }
    [CommandOption("--threads <N>")]
    [Sets<SearchConfig>(nameof(SearchConfig.Threads), Note = ", capped at max(1, cores/P)")]
    public int? Threads { get; set; }
    [CommandOption("--config <FILE>")]
    [Description("JSON settings (config.json keys) applied over the preset before the variants apply theirs")]
    public string? Config { get; set; }
    [CommandOption("--epochs <N>"), Sets<SearchConfig>(nameof(SearchConfig.Epochs))]
    public int? Epochs { get; set; }
    [CommandOption("--warmup <N>"), Sets<SearchConfig>(nameof(SearchConfig.Warmup))]
    public int? Warmup { get; set; }
    [CommandOption("--train-limit <N>"), Sets<SearchConfig>(nameof(SearchConfig.TrainLimit))]
    public int? TrainLimit { get; set; }
    [CommandOption("--valid-limit <N>"), Sets<SearchConfig>(nameof(SearchConfig.ValidLimit))]
    public int? ValidLimit { get; set; }
    [CommandOption("--valid-fraction <F>")]
    [Sets<SearchConfig>(nameof(SearchConfig.ValidFraction), Note = "; fig8 sets its own")]
    public double? ValidFraction { get; set; }
    [CommandOption("--print-config")]
    [Description("Print every search's fully resolved settings (config.json keys) and the provenance as JSON, then " +
                 "exit without creating the experiment folder")]
    public bool PrintConfig { get; set; }
    [CommandOption("--emit <KIND>")]
    [Description("Write a cluster job instead of running: slurm (job array script) or k8s (Indexed Job manifest)")]
    public string? Emit { get; set => field = value?.ToLowerInvariant(); }
    [CommandOption("--cluster-mem <SIZE>")]
    [Description("With --emit: memory per task, as Slurm writes it (8G, 512M, 16000 = megabytes) [[default: 2G for " +
                 "tiny and demo, 4G for cpu, 8G for paper]]")]
    public string? ClusterMem { get; set; }
    [CommandOption("--cluster-time <LIMIT>")]
    [Description("With --emit: time limit per task, as Slurm's --time (90 = minutes, 4:00:00, 2-00:00:00); k8s: " +
                 "the pod's activeDeadlineSeconds [[default: the cluster's]]")]
    public string? ClusterTime { get; set; }
    [CommandOption("--partition <NAME>")]
    [Description("With --emit slurm: the partition (or partitions, comma-separated) to run in [[default: the " +
                 "cluster's]]")]
    public string? Partition { get; set; }
    [CommandOption("--account <NAME>")]
    [Description("With --emit slurm: the account charged [[default: yours]]")]
    public string? Account { get; set; }

    /// <summary>
    /// What each task of a cluster job asks for (<c>--cluster-mem</c>, <c>--cluster-time</c>, <c>--partition</c>,
    /// <c>--account</c>).
    /// </summary>
    public ClusterResources Resources =>
        new() { Memory = ClusterMem, Time = ClusterTime, Partition = Partition, Account = Account };

    /// <summary>The table file: <c>--table</c>, else <c>$VPDARTS_NB201_TABLE</c>.</summary>
    public string? TablePath => TableLocation.Resolve(Table);

    /// <summary>
    /// The settings shared by every search: the preset, the config file, then the options given; paths made absolute
    /// so that child processes and cluster jobs read the same files; <paramref name="threads"/> torch threads.
    /// </summary>
    public SearchConfig BaseConfig(Func<SearchConfig, int> threads)
    {
        var c = SearchPresets.Get(Preset);
        if (Config is not null) c = SettingsFile<SearchConfig>.Overlay(c, Config);
        c = GivenOptions.Apply(this, c);
        if (c.Dataset.StartsWith("folder:", StringComparison.Ordinal))
            c = c with { Dataset = "folder:" + Path.GetFullPath(c.Dataset["folder:".Length..]) };
        if (c.DataDir is not null) c = c with { DataDir = Path.GetFullPath(c.DataDir) };
        return c with { Threads = threads(c) };
    }

    /// <inheritdoc />
    public override ValidationResult Validate()
    {
        if (PresetNames.Problem("--preset", Preset) is { } unknown) return ValidationResult.Error(unknown);
        if (Seeds < 1) return ValidationResult.Error($"--seeds: must be at least 1, got {Seeds}");
        if (Parallel is < 1) return ValidationResult.Error($"--parallel: must be at least 1, got {Parallel}");
        if (Threads is < 1) return ValidationResult.Error($"--threads: must be at least 1, got {Threads}");
        if (ValidFraction is <= 0 or > 1)
            return ValidationResult.Error($"--valid-fraction: must be in (0,1], got {ValidFraction}");
        if (Emit is not null && !ClusterJobs.Kinds.Contains(Emit))
            return ValidationResult.Error($"--emit: expected {string.Join(" or ", ClusterJobs.Kinds)}, got '{Emit}'");
        if (Emit is null && (ClusterMem, ClusterTime, Partition, Account) switch
            {
                ({ }, _, _, _) => "--cluster-mem", (_, { }, _, _) => "--cluster-time", (_, _, { }, _) => "--partition",
                (_, _, _, { }) => "--account", _ => null,
            } is { } clusterOnly)
            return ValidationResult.Error($"{clusterOnly}: only used with --emit");
        if (Emit is not null)
        {
            try { Resources.Check(Emit); }
            catch (UserInputException e) { return ValidationResult.Error(e.Message); }
        }
        if (TablePath is null) return ValidationResult.Error(TableLocation.Missing);
        return ValidationResult.Success();
    }
}
