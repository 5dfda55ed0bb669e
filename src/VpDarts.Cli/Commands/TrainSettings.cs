using VpDarts.Runs;

namespace VpDarts.Cli.Commands;

/// <summary>Options of <c>vpdarts train</c>. Unset options keep the value of the preset / config file.</summary>
public sealed class TrainSettings : RunSettings<TrainConfig>
{
    [CommandOption("--arch <ARCH>"), ConfigKey(nameof(TrainConfig.Arch))]
    [Description("The cell to train, an NB201 arch string such as |nor_conv_3x3~0|+|...| (quote it: '|' is a shell pipe); required unless resuming")]
    public string? Arch { get; set; }
    [CommandOption("--preset <NAME>")]
    [Description("Starting settings: paper (NB201 protocol, 200 epochs), cpu (about 10 minutes on 2 cores), demo (embedded data), tiny (seconds, for tests) [[default: paper]]")]
    public string? Preset { get; set; }

    /// <inheritdoc />
    protected override string? GivenPreset => Preset;
    [CommandOption("--dataset <SPEC>"), ConfigKey(nameof(TrainConfig.Dataset))]
    [PresetDescription<TrainConfig>("cifar10, cifar100, fashion-mnist, imagenet16-120, demo or folder:PATH", nameof(TrainConfig.Dataset))]
    public string? Dataset { get; set; }
    [CommandOption("--data-dir <DIR>"), ConfigKey(nameof(TrainConfig.DataDir))]
    [DataDirDescription]
    public string? DataDir { get; set; }
    [CommandOption("--image-size <N>"), ConfigKey(nameof(TrainConfig.ImageSize))]
    [Description("folder:PATH datasets: resize each image's shorter side to N, then centre-crop N×N (torchvision Resize + CenterCrop) [[default: the images' own size]]")]
    public int? ImageSize { get; set; }
    [CommandOption("--layers <N>"), ConfigKey(nameof(TrainConfig.Layers))]
    [PresetDescription<TrainConfig>("Cells per stage (N)", nameof(TrainConfig.Layers))]
    public int? Layers { get; set; }
    [CommandOption("--channels <C>"), ConfigKey(nameof(TrainConfig.Channels))]
    [PresetDescription<TrainConfig>("Channels of the first stage (C)", nameof(TrainConfig.Channels))]
    public int? Channels { get; set; }
    [CommandOption("--epochs <N>"), ConfigKey(nameof(TrainConfig.Epochs))]
    [PresetDescription<TrainConfig>("Training epochs", nameof(TrainConfig.Epochs))]
    public int? Epochs { get; set; }
    [CommandOption("--batch-size <N>"), ConfigKey(nameof(TrainConfig.BatchSize))]
    [PresetDescription<TrainConfig>("Training batch size", nameof(TrainConfig.BatchSize))]
    public int? BatchSize { get; set; }
    [CommandOption("--eval-batch-size <N>"), ConfigKey(nameof(TrainConfig.EvalBatchSize))]
    [PresetDescription<TrainConfig>("Batch size of the test evaluation", nameof(TrainConfig.EvalBatchSize))]
    public int? EvalBatchSize { get; set; }
    [CommandOption("--train-limit <N>"), ConfigKey(nameof(TrainConfig.TrainLimit))]
    [PresetDescription<TrainConfig>("Cap on training images, class-balanced", nameof(TrainConfig.TrainLimit), "whole training split")]
    public int? TrainLimit { get; set; }
    [CommandOption("--lr <LR>"), ConfigKey(nameof(TrainConfig.Lr))]
    [PresetDescription<TrainConfig>("Initial learning rate (cosine)", nameof(TrainConfig.Lr))]
    public double? Lr { get; set; }
    [CommandOption("--lr-min <LR>"), ConfigKey(nameof(TrainConfig.LrMin))]
    [PresetDescription<TrainConfig>("Learning rate after the last step", nameof(TrainConfig.LrMin))]
    public double? LrMin { get; set; }
    [CommandOption("--momentum <M>"), ConfigKey(nameof(TrainConfig.Momentum))]
    [PresetDescription<TrainConfig>("SGD momentum", nameof(TrainConfig.Momentum))]
    public double? Momentum { get; set; }
    [CommandOption("--nesterov <BOOL>"), ConfigKey(nameof(TrainConfig.Nesterov))]
    [PresetDescription<TrainConfig>("Nesterov momentum, true or false", nameof(TrainConfig.Nesterov))]
    public bool? Nesterov { get; set; }
    [CommandOption("--weight-decay <WD>"), ConfigKey(nameof(TrainConfig.WeightDecay))]
    [PresetDescription<TrainConfig>("SGD weight decay", nameof(TrainConfig.WeightDecay))]
    public double? WeightDecay { get; set; }
    [CommandOption("--seed <N>"), ConfigKey(nameof(TrainConfig.Seed))]
    [PresetDescription<TrainConfig>("Seed of every random choice", nameof(TrainConfig.Seed))]
    public int? Seed { get; set; }
    [CommandOption("--threads <N>"), ConfigKey(nameof(TrainConfig.Threads))]
    [PresetDescription<TrainConfig>("Intra-op threads (paper: every core of this machine)", nameof(TrainConfig.Threads))]
    public int? Threads { get; set; }
    [CommandOption("--device <DEVICE>"), ConfigKey(nameof(TrainConfig.Device))]
    [PresetDescription<TrainConfig>("cpu or cuda", nameof(TrainConfig.Device))]
    public string? Device { get; set => field = value?.ToLowerInvariant(); }
    [CommandOption("--out <DIR>")]
    [Description("Run folder [[default: runs/train-<dataset>-<time>]]")]
    public override string? Out { get; set; }

    /// <summary>Builds the run's config: preset, then config file, then the options given.</summary>
    public TrainConfig BuildConfig() => Build(TrainPresets.Get(Preset ?? "paper"));

    /// <inheritdoc />
    public override TrainConfig ApplyOptions(TrainConfig c) => GivenOptions.Apply(this, c);

    /// <inheritdoc />
    public override ValidationResult Validate()
    {
        if (PresetNames.Problem("--preset", Preset) is { } unknown) return ValidationResult.Error(unknown);
        return base.Validate();
    }
}
