using VpDarts.Runs;

namespace VpDarts.Cli.Commands;

/// <summary>Options of <c>vpdarts train</c>. Unset options keep the value of the preset / config file.</summary>
public sealed class TrainSettings : RunSettings<TrainConfig>
{
    [CommandOption("--arch <ARCH>"), Sets<TrainConfig>(nameof(TrainConfig.Arch))]
    public string? Arch { get; set; }
    [CommandOption("--preset <NAME>")]
    [Description("Starting settings: paper (NB201 protocol, 200 epochs), cpu (about 10 minutes on 2 cores), demo " +
                 "(embedded data), tiny (seconds, for tests) [[default: paper]]")]
    public string? Preset { get; set; }

    /// <inheritdoc />
    protected override string? GivenPreset => Preset;
    [CommandOption("--dataset <SPEC>"), Sets<TrainConfig>(nameof(TrainConfig.Dataset))]
    public string? Dataset { get; set; }
    [CommandOption("--data-dir <DIR>"), Sets<TrainConfig>(nameof(TrainConfig.DataDir))]
    public string? DataDir { get; set; }
    [CommandOption("--image-size <N>"), Sets<TrainConfig>(nameof(TrainConfig.ImageSize))]
    public int? ImageSize { get; set; }
    [CommandOption("--layers <N>"), Sets<TrainConfig>(nameof(TrainConfig.Layers))]
    public int? Layers { get; set; }
    [CommandOption("--channels <C>"), Sets<TrainConfig>(nameof(TrainConfig.Channels))]
    public int? Channels { get; set; }
    [CommandOption("--epochs <N>"), Sets<TrainConfig>(nameof(TrainConfig.Epochs))]
    public int? Epochs { get; set; }
    [CommandOption("--batch-size <N>"), Sets<TrainConfig>(nameof(TrainConfig.BatchSize))]
    public int? BatchSize { get; set; }
    [CommandOption("--eval-batch-size <N>"), Sets<TrainConfig>(nameof(TrainConfig.EvalBatchSize))]
    public int? EvalBatchSize { get; set; }
    [CommandOption("--train-limit <N>"), Sets<TrainConfig>(nameof(TrainConfig.TrainLimit))]
    public int? TrainLimit { get; set; }
    [CommandOption("--lr <LR>"), Sets<TrainConfig>(nameof(TrainConfig.Lr))]
    public double? Lr { get; set; }
    [CommandOption("--lr-min <LR>"), Sets<TrainConfig>(nameof(TrainConfig.LrMin))]
    public double? LrMin { get; set; }
    [CommandOption("--momentum <M>"), Sets<TrainConfig>(nameof(TrainConfig.Momentum))]
    public double? Momentum { get; set; }
    [CommandOption("--nesterov <BOOL>"), Sets<TrainConfig>(nameof(TrainConfig.Nesterov))]
    public bool? Nesterov { get; set; }
    [CommandOption("--weight-decay <WD>"), Sets<TrainConfig>(nameof(TrainConfig.WeightDecay))]
    public double? WeightDecay { get; set; }
    [CommandOption("--seed <N>"), Sets<TrainConfig>(nameof(TrainConfig.Seed))]
    public int? Seed { get; set; }
    [CommandOption("--threads <N>"), Sets<TrainConfig>(nameof(TrainConfig.Threads))]
    public int? Threads { get; set; }
    [CommandOption("--device <DEVICE>"), Sets<TrainConfig>(nameof(TrainConfig.Device))]
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
