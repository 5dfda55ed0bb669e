using VpDarts.Runs;

namespace VpDarts.Cli.Commands;

/// <summary>
/// Options of <c>vpdarts search</c> and <c>vpdarts demo</c> (<see cref="SearchCommandSettings"/>, <see cref="DemoSettings"/>).
/// Unset options keep the value of the preset / config file.
/// </summary>
public abstract class SearchSettings : RunSettings<SearchConfig>
{
    /// <summary>The preset the settings start from; each command declares the option, with its own default preset.</summary>
    public abstract string? Preset { get; set; }

    /// <inheritdoc />
    protected override string? GivenPreset => Preset;
    [CommandOption("--method <METHOD>"), ConfigKey(nameof(SearchConfig.Method))]
    [NamesDescription<SearchMethod>("", SearchMethod.VpDarts)]
    public string? Method { get; set; }
    [CommandOption("-k|--k-mode <MODE>"), ConfigKey(nameof(SearchConfig.K), Option = "--k")]
    [NamesDescription<KMode>("--k MODE: VP-DARTS pruning strength, ", KMode.Adjustable)]
    public string? K { get; set; }
    [CommandOption("--decay <SCHEDULE>"), ConfigKey(nameof(SearchConfig.Decay))]
    [NamesDescription<DecaySchedule>("Decay of adjustable K: ", DecaySchedule.Linear)]
    public string? Decay { get; set; }
    [CommandOption("--importance <CRITERION>"), ConfigKey(nameof(SearchConfig.Importance))]
    [NamesDescription<ImportanceCriterion>("", ImportanceCriterion.ValidAccuracy)]
    public string? Importance { get; set; }
    [CommandOption("--race-confidence <P>"), ConfigKey(nameof(SearchConfig.RaceConfidence))]
    [PresetDescription<SearchConfig>("valid-accuracy-racing: probability per edge of never dropping the op the whole subset keeps, in (0,1]]; 1 = exact", nameof(SearchConfig.RaceConfidence))]
    public double? RaceConfidence { get; set; }
    [CommandOption("--race-min-batches <N>"), ConfigKey(nameof(SearchConfig.RaceMinBatches))]
    [PresetDescription<SearchConfig>("valid-accuracy-racing: batches every op sees before the first test", nameof(SearchConfig.RaceMinBatches))]
    public int? RaceMinBatches { get; set; }
    [CommandOption("--screen-keep <K>"), ConfigKey(nameof(SearchConfig.ScreenKeep))]
    [PresetDescription<SearchConfig>("valid-accuracy-screening: ops per edge verified by exact ablation after the first-order screen, 1-5", nameof(SearchConfig.ScreenKeep))]
    public int? ScreenKeep { get; set; }
    [CommandOption("--final-choice <RULE>"), ConfigKey(nameof(SearchConfig.FinalChoice))]
    [NamesDescription<Runs.FinalChoice>("VP-DARTS's final op per edge: ", Runs.FinalChoice.LastAblation)]
    public string? FinalChoice { get; set; }
    [CommandOption("--dataset <SPEC>"), ConfigKey(nameof(SearchConfig.Dataset))]
    [PresetDescription<SearchConfig>("cifar10, cifar100, fashion-mnist, imagenet16-120, demo or folder:PATH", nameof(SearchConfig.Dataset))]
    public string? Dataset { get; set; }
    [CommandOption("--data-dir <DIR>"), ConfigKey(nameof(SearchConfig.DataDir))]
    [DataDirDescription]
    public string? DataDir { get; set; }
    [CommandOption("--image-size <N>"), ConfigKey(nameof(SearchConfig.ImageSize))]
    [Description("folder:PATH datasets: resize each image's shorter side to N, then centre-crop N×N (torchvision Resize + CenterCrop) [[default: the images' own size]]")]
    public int? ImageSize { get; set; }
    [CommandOption("--epochs <N>"), ConfigKey(nameof(SearchConfig.Epochs))]
    [PresetDescription<SearchConfig>("Total epochs, warm-up included", nameof(SearchConfig.Epochs))]
    public int? Epochs { get; set; }
    [CommandOption("--warmup <N>"), ConfigKey(nameof(SearchConfig.Warmup))]
    [PresetDescription<SearchConfig>("Warm-up epochs with α frozen", nameof(SearchConfig.Warmup), null, "; darts, darts-v2, gdas, drnas: none")]
    public int? Warmup { get; set; }
    [CommandOption("--layers <N>"), ConfigKey(nameof(SearchConfig.Layers))]
    [PresetDescription<SearchConfig>("Cells per stage (N)", nameof(SearchConfig.Layers))]
    public int? Layers { get; set; }
    [CommandOption("--channels <C>"), ConfigKey(nameof(SearchConfig.Channels))]
    [PresetDescription<SearchConfig>("Channels of the first stage (C)", nameof(SearchConfig.Channels))]
    public int? Channels { get; set; }
    [CommandOption("--batch-size <N>"), ConfigKey(nameof(SearchConfig.BatchSize))]
    [PresetDescription<SearchConfig>("Batch size of weight and architecture steps", nameof(SearchConfig.BatchSize))]
    public int? BatchSize { get; set; }
    [CommandOption("--eval-batch-size <N>"), ConfigKey(nameof(SearchConfig.EvalBatchSize))]
    [PresetDescription<SearchConfig>("Batch size of ablation passes", nameof(SearchConfig.EvalBatchSize))]
    public int? EvalBatchSize { get; set; }
    [CommandOption("--train-limit <N>"), ConfigKey(nameof(SearchConfig.TrainLimit))]
    [PresetDescription<SearchConfig>("Cap on search-train images, class-balanced", nameof(SearchConfig.TrainLimit), "whole half")]
    public int? TrainLimit { get; set; }
    [CommandOption("--valid-limit <N>"), ConfigKey(nameof(SearchConfig.ValidLimit))]
    [PresetDescription<SearchConfig>("Cap on search-valid images, class-balanced", nameof(SearchConfig.ValidLimit), "whole half")]
    public int? ValidLimit { get; set; }
    [CommandOption("--valid-fraction <F>"), ConfigKey(nameof(SearchConfig.ValidFraction))]
    [PresetDescription<SearchConfig>("Fraction of search-valid drawn for each epoch's ablation, in (0,1]]", nameof(SearchConfig.ValidFraction))]
    public double? ValidFraction { get; set; }
    [CommandOption("--resample-per-op"), ConfigKey(nameof(SearchConfig.ResampleSubsetPerOp))]
    [Description("Draw a fresh ablation subset for every op (reference code) instead of one paired subset per epoch")]
    public bool? ResamplePerOp { get; set; }
    [CommandOption("--ablation-dropout"), ConfigKey(nameof(SearchConfig.AblationDropout))]
    [Description("Keep skip dropout active during ablation passes (reference code)")]
    public bool? AblationDropout { get; set; }
    [CommandOption("--faithful-to-code")]
    [Description("Measure importance under the authors' code's conditions (docs/FAITHFULNESS.md): a fresh half for every op, skip dropout and crop/flip on, ablation batch 64, the code's tie rules, its fixed first/last-half split; other options given with it still apply")]
    public bool FaithfulToCode { get; set; }
    [CommandOption("--weight-lr <LR>"), ConfigKey(nameof(SearchConfig.WeightLr))]
    [PresetDescription<SearchConfig>("Initial SGD learning rate, cosine to --weight-lr-min", nameof(SearchConfig.WeightLr))]
    public double? WeightLr { get; set; }
    [CommandOption("--weight-lr-min <LR>"), ConfigKey(nameof(SearchConfig.WeightLrMin))]
    [PresetDescription<SearchConfig>("Final SGD learning rate", nameof(SearchConfig.WeightLrMin))]
    public double? WeightLrMin { get; set; }
    [CommandOption("--momentum <M>"), ConfigKey(nameof(SearchConfig.Momentum))]
    [PresetDescription<SearchConfig>("SGD momentum", nameof(SearchConfig.Momentum))]
    public double? Momentum { get; set; }
    [CommandOption("--weight-decay <WD>"), ConfigKey(nameof(SearchConfig.WeightDecay))]
    [MethodDefaultDescription("SGD weight decay", nameof(MethodDefaults.WeightDecay))]
    public double? WeightDecay { get; set; }
    [CommandOption("--grad-clip <NORM>"), ConfigKey(nameof(SearchConfig.GradClip))]
    [PresetDescription<SearchConfig>("Gradient-norm clip of weight steps", nameof(SearchConfig.GradClip))]
    public double? GradClip { get; set; }
    [CommandOption("--arch-lr <LR>"), ConfigKey(nameof(SearchConfig.ArchLr))]
    [PresetDescription<SearchConfig>("Adam learning rate of α", nameof(SearchConfig.ArchLr))]
    public double? ArchLr { get; set; }
    [CommandOption("--arch-weight-decay <WD>"), ConfigKey(nameof(SearchConfig.ArchWeightDecay))]
    [PresetDescription<SearchConfig>("Adam weight decay of α", nameof(SearchConfig.ArchWeightDecay))]
    public double? ArchWeightDecay { get; set; }
    [CommandOption("--skip-dropout <P>"), ConfigKey(nameof(SearchConfig.SkipDropout))]
    [MethodDefaultDescription("Dropout after skip_connect", nameof(MethodDefaults.SkipDropout))]
    public double? SkipDropout { get; set; }
    [CommandOption("--tau-max <T>"), ConfigKey(nameof(SearchConfig.TauMax))]
    [PresetDescription<SearchConfig>("gdas: Gumbel-softmax temperature of the first epoch", nameof(SearchConfig.TauMax))]
    public double? TauMax { get; set; }
    [CommandOption("--tau-min <T>"), ConfigKey(nameof(SearchConfig.TauMin))]
    [PresetDescription<SearchConfig>("gdas: temperature of the last epoch, reached linearly", nameof(SearchConfig.TauMin))]
    public double? TauMin { get; set; }
    [CommandOption("--dirichlet-regularizer <KIND>"), ConfigKey(nameof(SearchConfig.DirichletRegularizer))]
    [NamesDescription<DirichletRegularizer>("drnas: regulariser of the concentration, ", Runs.DirichletRegularizer.L2)]
    public string? DirichletRegularizer { get; set; }
    [CommandOption("--dirichlet-reg-scale <S>"), ConfigKey(nameof(SearchConfig.DirichletRegScale))]
    [PresetDescription<SearchConfig>("drnas: scale of the regulariser (l2: Adam's weight decay of α)", nameof(SearchConfig.DirichletRegScale))]
    public double? DirichletRegScale { get; set; }
    [CommandOption("--seed <N>"), ConfigKey(nameof(SearchConfig.Seed))]
    [PresetDescription<SearchConfig>("Seed of every random choice", nameof(SearchConfig.Seed))]
    public int? Seed { get; set; }
    [CommandOption("--threads <N>"), ConfigKey(nameof(SearchConfig.Threads))]
    [PresetDescription<SearchConfig>("Intra-op threads (paper: every core of this machine)", nameof(SearchConfig.Threads))]
    public int? Threads { get; set; }
    [CommandOption("--device <DEVICE>"), ConfigKey(nameof(SearchConfig.Device))]
    [PresetDescription<SearchConfig>("cpu or cuda", nameof(SearchConfig.Device))]
    public string? Device { get; set => field = value?.ToLowerInvariant(); }
    [CommandOption("-t|--table <FILE>")]
    [Description("NB201 accuracy CSV to score found cells (or $" + TableLocation.Variable + ")")]
    public string? Table { get; set; }
    [CommandOption("--keep-checkpoints <N>"), ConfigKey(nameof(SearchConfig.KeepCheckpoints))]
    [PresetDescription<SearchConfig>("Epoch checkpoints kept, newest first; 0 = every epoch (for importance-compare)", nameof(SearchConfig.KeepCheckpoints))]
    public int? KeepCheckpoints { get; set; }
    [CommandOption("--out <DIR>")]
    [Description("Run folder [[default: runs/<method>-<dataset>-<time>]]")]
    public override string? Out { get; set; }
    [CommandOption("--then-train")]
    [Description("After the search, train the found cell from scratch into RUN_DIR/train/ (dataset, seed, threads and device of the search)")]
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
        if ((PresetNames.Problem("--preset", Preset) ?? PresetNames.Problem("--train-preset", TrainPreset)) is { } unknown)
            return ValidationResult.Error(unknown);
        if (TrainPreset is not null && !ThenTrain) return ValidationResult.Error("--train-preset: only used with --then-train");
        if (TrainConfig is not null && !ThenTrain) return ValidationResult.Error("--train-config: only used with --then-train");
        return base.Validate();
    }
}
