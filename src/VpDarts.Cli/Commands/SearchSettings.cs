using VpDarts.Runs;

namespace VpDarts.Cli.Commands;

/// <summary>Options of <c>vpdarts search</c>. Unset options keep the value of the preset / config file.</summary>
public class SearchSettings : RunSettings<SearchConfig>
{
    [CommandOption("--preset <NAME>"), Description("Starting settings: paper (published protocol), cpu (minutes on 2 cores), demo (embedded data), tiny (seconds, for tests). [[default: paper]]")]
    public string? Preset { get; set; }
    [CommandOption("--method <METHOD>"), NamesDescription<SearchMethod>("", SearchMethod.VpDarts)]
    public string? Method { get; set; }
    [CommandOption("-k|--k-mode <MODE>"), NamesDescription<KMode>("--k MODE: VP-DARTS pruning strength, ", KMode.Adjustable)]
    public string? K { get; set; }
    [CommandOption("--decay <SCHEDULE>"), NamesDescription<DecaySchedule>("Decay of adjustable K: ", DecaySchedule.Linear)]
    public string? Decay { get; set; }
    [CommandOption("--importance <CRITERION>"), NamesDescription<ImportanceCriterion>("", ImportanceCriterion.ValidAccuracy)]
    public string? Importance { get; set; }
    [CommandOption("--race-confidence <P>"), Description("valid-accuracy-racing: probability per edge of never dropping the op the whole subset keeps, in (0,1]]; 1 = exact [[default: 0.95]]")]
    public double? RaceConfidence { get; set; }
    [CommandOption("--race-min-batches <N>"), Description("valid-accuracy-racing: batches every op sees before the first test [[default: 2]]")]
    public int? RaceMinBatches { get; set; }
    [CommandOption("--screen-keep <K>"), Description("valid-accuracy-screening: ops per edge verified by exact ablation after the first-order screen, 1-5 [[default: 2]]")]
    public int? ScreenKeep { get; set; }
    [CommandOption("--final-choice <RULE>"), NamesDescription<Runs.FinalChoice>("VP-DARTS's final op per edge: ", Runs.FinalChoice.LastAblation)]
    public string? FinalChoice { get; set; }
    [CommandOption("--dataset <SPEC>"), Description("cifar10, cifar100, fashion-mnist, imagenet16-120, demo or folder:PATH [[default: cifar10]]")]
    public string? Dataset { get; set; }
    [CommandOption("--data-dir <DIR>"), Description("Dataset download/cache folder [[default: ~/.cache/vpdarts/data]]")]
    public string? DataDir { get; set; }
    [CommandOption("--epochs <N>"), Description("Total epochs, warm-up included [[default: 50]]")]
    public int? Epochs { get; set; }
    [CommandOption("--warmup <N>"), Description("Warm-up epochs with α frozen [[default: 20; darts, darts-v2, gdas, drnas: none]]")]
    public int? Warmup { get; set; }
    [CommandOption("--layers <N>"), Description("Cells per stage (N) [[default: 5]]")]
    public int? Layers { get; set; }
    [CommandOption("--channels <C>"), Description("Channels of the first stage (C) [[default: 16]]")]
    public int? Channels { get; set; }
    [CommandOption("--batch-size <N>"), Description("Batch size of weight and architecture steps [[default: 64]]")]
    public int? BatchSize { get; set; }
    [CommandOption("--eval-batch-size <N>"), Description("Batch size of ablation passes [[default: 256]]")]
    public int? EvalBatchSize { get; set; }
    [CommandOption("--train-limit <N>"), Description("Cap on search-train images, class-balanced [[default: whole half]]")]
    public int? TrainLimit { get; set; }
    [CommandOption("--valid-limit <N>"), Description("Cap on search-valid images, class-balanced [[default: whole half]]")]
    public int? ValidLimit { get; set; }
    [CommandOption("--valid-fraction <F>"), Description("Fraction of search-valid drawn for each epoch's ablation, in (0,1]] [[default: 0.5]]")]
    public double? ValidFraction { get; set; }
    [CommandOption("--resample-per-op"), Description("Draw a fresh ablation subset for every op (reference code) instead of one paired subset per epoch")]
    public bool? ResamplePerOp { get; set; }
    [CommandOption("--ablation-dropout"), Description("Keep skip dropout active during ablation passes (reference code)")]
    public bool? AblationDropout { get; set; }
    [CommandOption("--faithful-to-code"), Description("Measure importance under the authors' code's conditions (docs/FAITHFULNESS.md): a fresh half for every op, skip dropout and crop/flip on, ablation batch 64, the code's tie rules, its fixed first/last-half split; other options given with it still apply")]
    public bool FaithfulToCode { get; set; }
    [CommandOption("--weight-lr <LR>"), Description("Initial SGD learning rate, cosine to --weight-lr-min [[default: 0.025]]")]
    public double? WeightLr { get; set; }
    [CommandOption("--weight-lr-min <LR>"), Description("Final SGD learning rate [[default: 0.001]]")]
    public double? WeightLrMin { get; set; }
    [CommandOption("--momentum <M>"), Description("SGD momentum [[default: 0.9]]")]
    public double? Momentum { get; set; }
    [CommandOption("--weight-decay <WD>"), Description("SGD weight decay [[default: the method's: 5e-4 for darts, darts-v2, gdas (NB201); 3e-4 otherwise]]")]
    public double? WeightDecay { get; set; }
    [CommandOption("--grad-clip <NORM>"), Description("Gradient-norm clip of weight steps [[default: 5]]")]
    public double? GradClip { get; set; }
    [CommandOption("--arch-lr <LR>"), Description("Adam learning rate of α [[default: 3e-4]]")]
    public double? ArchLr { get; set; }
    [CommandOption("--arch-weight-decay <WD>"), Description("Adam weight decay of α [[default: 1e-3]]")]
    public double? ArchWeightDecay { get; set; }
    [CommandOption("--skip-dropout <P>"), Description("Dropout after skip_connect [[default: 0.2 for pruning methods, 0 for darts, darts-v2, gdas, drnas]]")]
    public double? SkipDropout { get; set; }
    [CommandOption("--tau-max <T>"), Description("gdas: Gumbel-softmax temperature of the first epoch [[default: 10]]")]
    public double? TauMax { get; set; }
    [CommandOption("--tau-min <T>"), Description("gdas: temperature of the last epoch, reached linearly [[default: 0.1]]")]
    public double? TauMin { get; set; }
    [CommandOption("--dirichlet-regularizer <KIND>"), NamesDescription<DirichletRegularizer>("drnas: regulariser of the concentration, ", Runs.DirichletRegularizer.L2)]
    public string? DirichletRegularizer { get; set; }
    [CommandOption("--dirichlet-reg-scale <S>"), Description("drnas: scale of the regulariser (l2: Adam's weight decay of α) [[default: 1e-3]]")]
    public double? DirichletRegScale { get; set; }
    [CommandOption("--seed <N>"), Description("Seed of every random choice [[default: 0]]")]
    public int? Seed { get; set; }
    [CommandOption("--threads <N>"), Description("Intra-op threads [[default: all cores]]")]
    public int? Threads { get; set; }
    [CommandOption("--device <DEVICE>"), Description("cpu or cuda [[default: cpu]]")]
    public string? Device { get; set; }
    [CommandOption("-t|--table <FILE>"), Description("NB201 accuracy CSV to score found cells (or $" + TableLocation.Variable + ")")]
    public string? Table { get; set; }
    [CommandOption("--keep-checkpoints <N>"), Description("Epoch checkpoints kept, newest first; 0 = every epoch (for importance-compare) [[default: 2]]")]
    public int? KeepCheckpoints { get; set; }
    [CommandOption("--out <DIR>"), Description("Run folder [[default: runs/<method>-<dataset>-<time>]]")]
    public override string? Out { get; set; }
    [CommandOption("--then-train"), Description("After the search, train the found cell from scratch into RUN_DIR/train/ (dataset, seed, threads and device of the search)")]
    public bool ThenTrain { get; set; }
    [CommandOption("--train-preset <NAME>"), Description("Training preset of --then-train: paper, cpu or demo [[default: cpu]]")]
    public string? TrainPreset { get; set; }
    [CommandOption("--train-config <FILE>"), Description("JSON training settings (a train run's config.json keys) applied over --train-preset")]
    public string? TrainConfig { get; set; }

    /// <summary>Builds the run's config: preset, then config file, then the options given.</summary>
    public SearchConfig BuildConfig(string defaultPreset) => Build(SearchPresets.Get(Preset ?? defaultPreset));

    /// <inheritdoc />
    public override SearchConfig ApplyOptions(SearchConfig c)
    {
        if (FaithfulToCode) c = c.FaithfulToCode();
        var config = c with
        {
            Method = Named(Method, "--method", c.Method), K = Named(K, "--k", c.K), Decay = Named(Decay, "--decay", c.Decay),
            Importance = Named(Importance, "--importance", c.Importance), FinalChoice = Named(FinalChoice, "--final-choice", c.FinalChoice),
            RaceConfidence = RaceConfidence ?? c.RaceConfidence, RaceMinBatches = RaceMinBatches ?? c.RaceMinBatches, ScreenKeep = ScreenKeep ?? c.ScreenKeep,
            KeepCheckpoints = KeepCheckpoints ?? c.KeepCheckpoints,
            Dataset = Dataset ?? c.Dataset, DataDir = DataDir ?? c.DataDir,
            Epochs = Epochs ?? c.Epochs, Warmup = Warmup ?? c.Warmup, Layers = Layers ?? c.Layers, Channels = Channels ?? c.Channels,
            BatchSize = BatchSize ?? c.BatchSize, EvalBatchSize = EvalBatchSize ?? c.EvalBatchSize,
            TrainLimit = TrainLimit ?? c.TrainLimit, ValidLimit = ValidLimit ?? c.ValidLimit, ValidFraction = ValidFraction ?? c.ValidFraction,
            ResampleSubsetPerOp = ResamplePerOp ?? c.ResampleSubsetPerOp, AblationDropout = AblationDropout ?? c.AblationDropout,
            WeightLr = WeightLr ?? c.WeightLr, WeightLrMin = WeightLrMin ?? c.WeightLrMin, Momentum = Momentum ?? c.Momentum,
            WeightDecay = WeightDecay ?? c.WeightDecay, GradClip = GradClip ?? c.GradClip, ArchLr = ArchLr ?? c.ArchLr,
            ArchWeightDecay = ArchWeightDecay ?? c.ArchWeightDecay, SkipDropout = SkipDropout ?? c.SkipDropout,
            TauMax = TauMax ?? c.TauMax, TauMin = TauMin ?? c.TauMin,
            DirichletRegularizer = Named(DirichletRegularizer, "--dirichlet-regularizer", c.DirichletRegularizer),
            DirichletRegScale = DirichletRegScale ?? c.DirichletRegScale,
            Seed = Seed ?? c.Seed, Threads = Threads ?? c.Threads, Device = Device ?? c.Device,
            Table = TableLocation.Resolve(Table, c.Table),
        };
        MethodOptionCheck.Refuse(this, config);
        return config;
    }

    /// <inheritdoc />
    public override ValidationResult Validate()
    {
        if (Preset is not null && !SearchPresets.Names.Contains(Preset, StringComparer.OrdinalIgnoreCase))
            return ValidationResult.Error($"--preset: unknown preset '{Preset}' (expected {string.Join(", ", SearchPresets.Names)})");
        if (TrainPreset is not null && !TrainPresets.Names.Contains(TrainPreset, StringComparer.OrdinalIgnoreCase))
            return ValidationResult.Error($"--train-preset: unknown preset '{TrainPreset}' (expected {string.Join(", ", TrainPresets.Names)})");
        if (TrainPreset is not null && !ThenTrain) return ValidationResult.Error("--train-preset: only used with --then-train");
        if (TrainConfig is not null && !ThenTrain) return ValidationResult.Error("--train-config: only used with --then-train");
        return base.Validate();
    }

    private static T Named<T>(string? name, string option, T current) where T : struct, Enum =>
        name is null ? current : OptionNames.Parse<T>(name, option);
}
