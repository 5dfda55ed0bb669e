using VpDarts.Runs;

namespace VpDarts.Cli.Commands;

/// <summary>Options of <c>vpdarts train</c>. Unset options keep the value of the preset / config file.</summary>
public sealed class TrainSettings : RunSettings<TrainConfig>
{
    [CommandOption("--arch <ARCH>"), Description("The cell to train, an NB201 arch string such as |nor_conv_3x3~0|+|...| (quote it: '|' is a shell pipe); required unless resuming")]
    public string? Arch { get; set; }
    [CommandOption("--preset <NAME>"), Description("Starting settings: paper (NB201 protocol, 200 epochs), cpu (about 10 minutes on 2 cores), demo (embedded data) [[default: paper]]")]
    public string? Preset { get; set; }
    [CommandOption("--dataset <SPEC>"), Description("cifar10, cifar100, fashion-mnist, imagenet16-120, demo or folder:PATH [[default: cifar10]]")]
    public string? Dataset { get; set; }
    [CommandOption("--data-dir <DIR>"), Description("Dataset download/cache folder [[default: ~/.cache/vpdarts/data]]")]
    public string? DataDir { get; set; }
    [CommandOption("--layers <N>"), Description("Cells per stage (N) [[default: 5]]")]
    public int? Layers { get; set; }
    [CommandOption("--channels <C>"), Description("Channels of the first stage (C) [[default: 16]]")]
    public int? Channels { get; set; }
    [CommandOption("--epochs <N>"), Description("Training epochs [[default: 200]]")]
    public int? Epochs { get; set; }
    [CommandOption("--batch-size <N>"), Description("Training batch size [[default: 256]]")]
    public int? BatchSize { get; set; }
    [CommandOption("--eval-batch-size <N>"), Description("Batch size of the test evaluation [[default: 256]]")]
    public int? EvalBatchSize { get; set; }
    [CommandOption("--train-limit <N>"), Description("Cap on training images, class-balanced [[default: whole training split]]")]
    public int? TrainLimit { get; set; }
    [CommandOption("--lr <LR>"), Description("Initial learning rate (cosine) [[default: 0.1]]")]
    public double? Lr { get; set; }
    [CommandOption("--lr-min <LR>"), Description("Learning rate after the last step [[default: 0]]")]
    public double? LrMin { get; set; }
    [CommandOption("--momentum <M>"), Description("SGD momentum [[default: 0.9]]")]
    public double? Momentum { get; set; }
    [CommandOption("--nesterov <BOOL>"), Description("Nesterov momentum, true or false [[default: true]]")]
    public bool? Nesterov { get; set; }
    [CommandOption("--weight-decay <WD>"), Description("SGD weight decay [[default: 5e-4]]")]
    public double? WeightDecay { get; set; }
    [CommandOption("--seed <N>"), Description("Seed of every random choice [[default: 0]]")]
    public int? Seed { get; set; }
    [CommandOption("--threads <N>"), Description("Intra-op threads [[default: all cores]]")]
    public int? Threads { get; set; }
    [CommandOption("--device <DEVICE>"), Description("cpu or cuda [[default: cpu]]")]
    public string? Device { get; set; }
    [CommandOption("--out <DIR>"), Description("Run folder [[default: runs/train-<dataset>-<time>]]")]
    public override string? Out { get; set; }

    /// <summary>Builds the run's config: preset, then config file, then the options given.</summary>
    public TrainConfig BuildConfig() => Build(TrainPresets.Get(Preset ?? "paper"));

    /// <inheritdoc />
    public override TrainConfig ApplyOptions(TrainConfig c) => c with
    {
        Arch = Arch ?? c.Arch, Dataset = Dataset ?? c.Dataset, DataDir = DataDir ?? c.DataDir,
        Layers = Layers ?? c.Layers, Channels = Channels ?? c.Channels, Epochs = Epochs ?? c.Epochs,
        BatchSize = BatchSize ?? c.BatchSize, EvalBatchSize = EvalBatchSize ?? c.EvalBatchSize, TrainLimit = TrainLimit ?? c.TrainLimit,
        Lr = Lr ?? c.Lr, LrMin = LrMin ?? c.LrMin, Momentum = Momentum ?? c.Momentum, Nesterov = Nesterov ?? c.Nesterov,
        WeightDecay = WeightDecay ?? c.WeightDecay, Seed = Seed ?? c.Seed, Threads = Threads ?? c.Threads, Device = Device ?? c.Device,
    };

    /// <inheritdoc />
    public override ValidationResult Validate()
    {
        if (Preset is not null && !TrainPresets.Names.Contains(Preset, StringComparer.OrdinalIgnoreCase))
            return ValidationResult.Error($"--preset: unknown preset '{Preset}' (expected {string.Join(", ", TrainPresets.Names)})");
        return base.Validate();
    }
}
