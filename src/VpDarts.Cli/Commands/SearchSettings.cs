using VpDarts.Runs;

namespace VpDarts.Cli.Commands;

/// <summary>
/// Options of <c>vpdarts search</c> and <c>vpdarts demo</c> (<see cref="SearchCommandSettings"/>,
/// <see cref="DemoSettings"/>).
/// Unset options keep the value of the preset / config file.
/// </summary>
public abstract class SearchSettings : RunSettings<SearchConfig>
{
    /// <summary>
    /// The preset the settings start from; each command declares the option, with its own default preset.
    /// </summary>
    public abstract string? Preset { get; set; }

    /// <inheritdoc />
    protected override string? GivenPreset => Preset;
    [CommandOption("--method <METHOD>"), Sets<SearchConfig>(nameof(SearchConfig.Method))]
    public string? Method { get; set; }
    [CommandOption("-k|--k-mode <MODE>"), Sets<SearchConfig>(nameof(SearchConfig.K), Option = "--k")]
    public string? K { get; set; }
    [CommandOption("--decay <SCHEDULE>"), Sets<SearchConfig>(nameof(SearchConfig.Decay))]
    public string? Decay { get; set; }
    [CommandOption("--importance <CRITERION>"), Sets<SearchConfig>(nameof(SearchConfig.Importance))]
    public string? Importance { get; set; }
    [CommandOption("--race-confidence <P>"), Sets<SearchConfig>(nameof(SearchConfig.RaceConfidence))]
    public double? RaceConfidence { get; set; }
    [CommandOption("--race-min-batches <N>"), Sets<SearchConfig>(nameof(SearchConfig.RaceMinBatches))]
    public int? RaceMinBatches { get; set; }
    [CommandOption("--screen-keep <K>"), Sets<SearchConfig>(nameof(SearchConfig.ScreenKeep))]
    public int? ScreenKeep { get; set; }
    [CommandOption("--final-choice <RULE>"), Sets<SearchConfig>(nameof(SearchConfig.FinalChoice))]
    public string? FinalChoice { get; set; }
    [CommandOption("--dataset <SPEC>"), Sets<SearchConfig>(nameof(SearchConfig.Dataset))]
    public string? Dataset { get; set; }
    [CommandOption("--data-dir <DIR>"), Sets<SearchConfig>(nameof(SearchConfig.DataDir))]
    public string? DataDir { get; set; }
    [CommandOption("--image-size <N>"), Sets<SearchConfig>(nameof(SearchConfig.ImageSize))]
    public int? ImageSize { get; set; }
    [CommandOption("--epochs <N>"), Sets<SearchConfig>(nameof(SearchConfig.Epochs))]
    public int? Epochs { get; set; }
    [CommandOption("--warmup <N>"), Sets<SearchConfig>(nameof(SearchConfig.Warmup))]
    public int? Warmup { get; set; }
    [CommandOption("--layers <N>"), Sets<SearchConfig>(nameof(SearchConfig.Layers))]
    public int? Layers { get; set; }
    [CommandOption("--channels <C>"), Sets<SearchConfig>(nameof(SearchConfig.Channels))]
    public int? Channels { get; set; }
    [CommandOption("--batch-size <N>"), Sets<SearchConfig>(nameof(SearchConfig.BatchSize))]
    public int? BatchSize { get; set; }
    [CommandOption("--eval-batch-size <N>"), Sets<SearchConfig>(nameof(SearchConfig.EvalBatchSize))]
    public int? EvalBatchSize { get; set; }
    [CommandOption("--train-limit <N>"), Sets<SearchConfig>(nameof(SearchConfig.TrainLimit))]
    public int? TrainLimit { get; set; }
    [CommandOption("--valid-limit <N>"), Sets<SearchConfig>(nameof(SearchConfig.ValidLimit))]
    public int? ValidLimit { get; set; }
    [CommandOption("--valid-fraction <F>"), Sets<SearchConfig>(nameof(SearchConfig.ValidFraction))]
    public double? ValidFraction { get; set; }
    [CommandOption("--resample-per-op"), Sets<SearchConfig>(nameof(SearchConfig.ResampleSubsetPerOp))]
    public bool? ResamplePerOp { get; set; }
    [CommandOption("--ablation-dropout"), Sets<SearchConfig>(nameof(SearchConfig.AblationDropout))]
    public bool? AblationDropout { get; set; }
    [CommandOption("--faithful-to-code")]
    [Description("Measure importance under the authors' code's conditions (docs/FAITHFULNESS.md): a fresh half for " +
                 "every op, skip dropout and crop/flip on, ablation batch 64, the code's tie rules, its fixed " +
                 "first/last-half split; other options given with it still apply")]
    public bool FaithfulToCode { get; set; }
    [CommandOption("--weight-lr <LR>"), Sets<SearchConfig>(nameof(SearchConfig.WeightLr))]
    public double? WeightLr { get; set; }
    [CommandOption("--weight-lr-min <LR>"), Sets<SearchConfig>(nameof(SearchConfig.WeightLrMin))]
    public double? WeightLrMin { get; set; }
    [CommandOption("--momentum <M>"), Sets<SearchConfig>(nameof(SearchConfig.Momentum))]
    public double? Momentum { get; set; }
    [CommandOption("--weight-decay <WD>"), Sets<SearchConfig>(nameof(SearchConfig.WeightDecay))]
    public double? WeightDecay { get; set; }
    [CommandOption("--grad-clip <NORM>"), Sets<SearchConfig>(nameof(SearchConfig.GradClip))]
    public double? GradClip { get; set; }
    [CommandOption("--arch-lr <LR>"), Sets<SearchConfig>(nameof(SearchConfig.ArchLr))]
    public double? ArchLr { get; set; }
    [CommandOption("--arch-weight-decay <WD>"), Sets<SearchConfig>(nameof(SearchConfig.ArchWeightDecay))]
    public double? ArchWeightDecay { get; set; }
    [CommandOption("--skip-dropout <P>"), Sets<SearchConfig>(nameof(SearchConfig.SkipDropout))]
    public double? SkipDropout { get; set; }
    [CommandOption("--tau-max <T>"), Sets<SearchConfig>(nameof(SearchConfig.TauMax))]
    public double? TauMax { get; set; }
    [CommandOption("--tau-min <T>"), Sets<SearchConfig>(nameof(SearchConfig.TauMin))]
    public double? TauMin { get; set; }
    [CommandOption("--dirichlet-regularizer <KIND>"), Sets<SearchConfig>(nameof(SearchConfig.DirichletRegularizer))]
    public string? DirichletRegularizer { get; set; }
    [CommandOption("--dirichlet-reg-scale <S>"), Sets<SearchConfig>(nameof(SearchConfig.DirichletRegScale))]
    public double? DirichletRegScale { get; set; }
    [CommandOption("--seed <N>"), Sets<SearchConfig>(nameof(SearchConfig.Seed))]
    public int? Seed { get; set; }
    [CommandOption("--threads <N>"), Sets<SearchConfig>(nameof(SearchConfig.Threads))]
    public int? Threads { get; set; }
    [CommandOption("--device <DEVICE>"), Sets<SearchConfig>(nameof(SearchConfig.Device))]
    public string? Device { get; set => field = value?.ToLowerInvariant(); }
    [CommandOption("-t|--table <FILE>")]
    [Description("NB201 accuracy CSV to score found cells (or $" + TableLocation.Variable + ")")]
    public string? Table { get; set; }
    [CommandOption("--keep-checkpoints <N>"), Sets<SearchConfig>(nameof(SearchConfig.KeepCheckpoints))]
    public int? KeepCheckpoints { get; set; }
    [CommandOption("--out <DIR>")]
    [Description("Run folder [[default: runs/<method>-<dataset>-<time>]]")]
    public override string? Out { get; set; }
    [CommandOption("--then-train")]
    [Description("After the search, train the found cell from scratch into RUN_DIR/train/ (dataset, seed, threads " +
                 "and device of the search)")]
    public bool ThenTrain { get; set; }
    [CommandOption("--train-preset <NAME>")]
    [Description("Training preset of --then-train: paper, cpu, demo or tiny [[default: cpu]]")]
    public string? TrainPreset { get; set; }
    [CommandOption("--train-config <FILE>")]
    [Description("JSON training settings (a train run's config.json keys) applied over --train-preset")]
    public string? TrainConfig { get; set; }

    /// <summary>Builds the run's config: preset, then config file, then the options given.</summary>
    public SearchConfig BuildConfig(string defaultPreset) => Build(SearchPresets.Get(Preset ?? defaultPreset));

    /// <inheritdoc />
    public override SearchConfig ApplyOptions(SearchConfig c)
    {
        var config = GivenOptions.Apply(this, FaithfulToCode ? c.FaithfulToCode() : c) with
        {
            Table = TableLocation.Resolve(Table, c.Table),
        };
        MethodOptionCheck.Refuse(this, config);
        return config;
    }

    /// <inheritdoc />
    public override ValidationResult Validate()
    {
        if ((PresetNames.Problem("--preset", Preset) ?? PresetNames.Problem("--train-preset", TrainPreset)) is
            { } unknown)
            return ValidationResult.Error(unknown);
        if (TrainPreset is not null && !ThenTrain)
            return ValidationResult.Error("--train-preset: only used with --then-train");
        if (TrainConfig is not null && !ThenTrain)
            return ValidationResult.Error("--train-config: only used with --then-train");
        return base.Validate();
    }
}
