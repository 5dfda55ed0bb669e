using VpDarts.Runs;

namespace VpDarts.Cli.Commands;

/// <summary>Options of <c>vpdarts train</c>. Unset options keep the value of the preset / config file.</summary>
public sealed class TrainSettings : RunSettings<TrainConfig>
{
    [CommandOption("--arch <ARCH>"), Description("The cell to train, an NB201 arch string such as |nor_conv_3x3~0|+|...| (quote it: '|' is a shell pipe); required unless resuming")]
    public string? Arch { get; set; }
    [CommandOption("--preset <NAME>"), Description("Starting settings: paper (NB201 protocol, 200 epochs), cpu (about 10 minutes on 2 cores), demo (embedded data), tiny (seconds, for tests) [[default: paper]]")]
    public string? Preset { get; set; }

    /// <inheritdoc />
    protected override string? GivenPreset => Preset;
    [CommandOption("--dataset <SPEC>"), PresetDescription<TrainConfig>("cifar10, cifar100, fashion-mnist, imagenet16-120, demo or folder:PATH", nameof(TrainConfig.Dataset))]
    public string? Dataset { get; set; }
    [CommandOption("--data-dir <DIR>"), DataDirDescription]
    public string? DataDir { get; set; }
    [CommandOption("--image-size <N>"), Description("folder:PATH datasets: resize each image's shorter side to N, then centre-crop N×N (torchvision Resize + CenterCrop) [[default: the images' own size]]")]
    public int? ImageSize { get; set; }
    [CommandOption("--layers <N>"), PresetDescription<TrainConfig>("Cells per stage (N)", nameof(TrainConfig.Layers))]
    public int? Layers { get; set; }
    [CommandOption("--channels <C>"), PresetDescription<TrainConfig>("Channels of the first stage (C)", nameof(TrainConfig.Channels))]
    public int? Channels { get; set; }
    [CommandOption("--epochs <N>"), PresetDescription<TrainConfig>("Training epochs", nameof(TrainConfig.Epochs))]
    public int? Epochs { get; set; }
    [CommandOption("--batch-size <N>"), PresetDescription<TrainConfig>("Training batch size", nameof(TrainConfig.BatchSize))]
    public int? BatchSize { get; set; }
    [CommandOption("--eval-batch-size <N>"), PresetDescription<TrainConfig>("Batch size of the test evaluation", nameof(TrainConfig.EvalBatchSize))]
    public int? EvalBatchSize { get; set; }
    [CommandOption("--train-limit <N>"), PresetDescription<TrainConfig>("Cap on training images, class-balanced", nameof(TrainConfig.TrainLimit), "whole training split")]
    public int? TrainLimit { get; set; }
    [CommandOption("--lr <LR>"), PresetDescription<TrainConfig>("Initial learning rate (cosine)", nameof(TrainConfig.Lr))]
    public double? Lr { get; set; }
    [CommandOption("--lr-min <LR>"), PresetDescription<TrainConfig>("Learning rate after the last step", nameof(TrainConfig.LrMin))]
    public double? LrMin { get; set; }
    [CommandOption("--momentum <M>"), PresetDescription<TrainConfig>("SGD momentum", nameof(TrainConfig.Momentum))]
    public double? Momentum { get; set; }
    [CommandOption("--nesterov <BOOL>"), PresetDescription<TrainConfig>("Nesterov momentum, true or false", nameof(TrainConfig.Nesterov))]
    public bool? Nesterov { get; set; }
    [CommandOption("--weight-decay <WD>"), PresetDescription<TrainConfig>("SGD weight decay", nameof(TrainConfig.WeightDecay))]
    public double? WeightDecay { get; set; }
    [CommandOption("--seed <N>"), PresetDescription<TrainConfig>("Seed of every random choice", nameof(TrainConfig.Seed))]
    public int? Seed { get; set; }
    [CommandOption("--threads <N>"), PresetDescription<TrainConfig>("Intra-op threads (paper: every core of this machine)", nameof(TrainConfig.Threads))]
    public int? Threads { get; set; }
    [CommandOption("--device <DEVICE>"), PresetDescription<TrainConfig>("cpu or cuda", nameof(TrainConfig.Device))]
    public string? Device { get; set => field = value?.ToLowerInvariant(); }
    [CommandOption("--out <DIR>"), Description("Run folder [[default: runs/train-<dataset>-<time>]]")]
    public override string? Out { get; set; }

    /// <summary>Builds the run's config: preset, then config file, then the options given.</summary>
    public TrainConfig BuildConfig() => Build(TrainPresets.Get(Preset ?? "paper"));

    /// <inheritdoc />
    public override TrainConfig ApplyOptions(TrainConfig c) => c with
    {
        Arch = Arch ?? c.Arch, Dataset = Dataset ?? c.Dataset, DataDir = DataDir ?? c.DataDir,
        ImageSize = ImageSize ?? c.ImageSize,
        Layers = Layers ?? c.Layers, Channels = Channels ?? c.Channels, Epochs = Epochs ?? c.Epochs,
        BatchSize = BatchSize ?? c.BatchSize, EvalBatchSize = EvalBatchSize ?? c.EvalBatchSize, TrainLimit = TrainLimit ?? c.TrainLimit,
        Lr = Lr ?? c.Lr, LrMin = LrMin ?? c.LrMin, Momentum = Momentum ?? c.Momentum, Nesterov = Nesterov ?? c.Nesterov,
        WeightDecay = WeightDecay ?? c.WeightDecay, Seed = Seed ?? c.Seed, Threads = Threads ?? c.Threads, Device = Device ?? c.Device,
    };

    /// <inheritdoc />
    public override ValidationResult Validate()
    {
        if (PresetNames.Problem("--preset", Preset) is { } unknown) return ValidationResult.Error(unknown);
        return base.Validate();
    }
}
