namespace VpDarts.Runs;

/// <summary>Every setting of a search run, as one plain object (serialised to <c>config.json</c>).</summary>
public sealed record SearchConfig : ICommonSettings
{
    /// <summary>The search method: VP-DARTS unless set (the first of <see cref="SearchMethod.All"/>).</summary>
    public SearchMethod Method { get; set; } = SearchMethod.All[0];
    /// <summary>VP-DARTS pruning strength: fixed (zero pruned α) or adjustable (decay them).</summary>
    public KMode K { get; set; } = KMode.Adjustable;
    /// <summary>Decay of adjustable K: linear (paper) or exponential (SofteR's other schedule).</summary>
    public DecaySchedule Decay { get; set; } = DecaySchedule.Linear;
    /// <summary>Rate λ of the exponential decay.</summary>
    public double DecayRate { get; set; } = 5.0;
    /// <summary>How the importance of an operation is judged.</summary>
    public ImportanceCriterion Importance { get; set; } = ImportanceCriterion.ValidAccuracy;
    /// <summary>
    /// valid-accuracy-racing: probability per edge of never dropping the op the whole subset would keep, in (0, 1].
    /// </summary>
    public double RaceConfidence { get; set; } = 0.95;
    /// <summary>valid-accuracy-racing: batches every op sees before the first test.</summary>
    public int RaceMinBatches { get; set; } = 2;
    /// <summary>
    /// valid-accuracy-screening: candidates per edge verified by exact ablation after the first-order screen, 1–5.
    /// </summary>
    public int ScreenKeep { get; set; } = 2;

    /// <summary>Dataset spec (cifar10, cifar100, fashion-mnist, imagenet16-120, demo, folder:PATH).</summary>
    public string Dataset { get; set; } = "demo";
    /// <summary>
    /// Where datasets are cached; null = the user cache folder (<see cref="Data.DataOptions.DefaultDataDirectory"/>).
    /// </summary>
    public string? DataDir { get; set; }
    /// <summary>
    /// folder:PATH datasets: side every image is resized (shorter side, bilinear) and centre-cropped to, as
    /// torchvision's <c>Resize(N)</c> + <c>CenterCrop(N)</c>; null = the images' own size, which must then be the same
    /// for all.
    /// </summary>
    public int? ImageSize { get; set; }
    /// <summary>Cap on search-train images (class-balanced); null = the whole half.</summary>
    public int? TrainLimit { get; set; }
    /// <summary>Cap on search-valid images (class-balanced); null = the whole half.</summary>
    public int? ValidLimit { get; set; }

    /// <summary>Total epochs, warm-up included.</summary>
    public int Epochs { get; set; } = 50;
    /// <summary>Warm-up epochs with α frozen (methods that warm up).</summary>
    public int Warmup { get; set; } = 20;
    /// <summary>Cells per stage (N).</summary>
    public int Layers { get; set; } = 5;
    /// <summary>Channels of the first stage (C).</summary>
    public int Channels { get; set; } = 16;
    /// <summary>Training batch size (weight and architecture steps).</summary>
    public int BatchSize { get; set; } = 64;
    /// <summary>Batch size of the no-grad ablation passes.</summary>
    public int EvalBatchSize { get; set; } = 256;

    /// <summary>Initial weight learning rate (cosine-annealed to <see cref="WeightLrMin"/>).</summary>
    public double WeightLr { get; set; } = 0.025;
    /// <summary>Final weight learning rate.</summary>
    public double WeightLrMin { get; set; } = 0.001;
    /// <summary>SGD momentum.</summary>
    public double Momentum { get; set; } = 0.9;
    /// <summary>SGD weight decay; null = the method's (<see cref="SearchMethod.WeightDecay"/>).</summary>
    public double? WeightDecay { get; set; }
    /// <summary>Nesterov momentum; null = the method's (<see cref="SearchMethod.Nesterov"/>).</summary>
    public bool? Nesterov { get; set; }
    /// <summary>Which update of a step comes first; null = the method's
    /// (<see cref="SearchMethod.StepOrder"/>).</summary>
    public StepOrder? StepOrder { get; set; }
    /// <summary>Whether the weight step's clip counts α's gradient; null = the method's
    /// (<see cref="SearchMethod.ClipIncludesAlpha"/>).</summary>
    public bool? ClipIncludesAlpha { get; set; }
    /// <summary>Gradient-norm clip of the weight step.</summary>
    public double GradClip { get; set; } = 5.0;
    /// <summary>Adam learning rate of α.</summary>
    public double ArchLr { get; set; } = 3e-4;
    /// <summary>Adam β1 of α.</summary>
    public double ArchBeta1 { get; set; } = 0.5;
    /// <summary>Adam β2 of α.</summary>
    public double ArchBeta2 { get; set; } = 0.999;
    /// <summary>Adam weight decay of α.</summary>
    public double ArchWeightDecay { get; set; } = 1e-3;
    /// <summary>Dropout after skip_connect; null = the method's (<see cref="SearchMethod.SkipDropout"/>).</summary>
    public double? SkipDropout { get; set; }

    /// <summary>GDAS: Gumbel-softmax temperature of the first epoch (NB201's GDAS.sh: <c>--tau_max 10</c>).</summary>
    public double TauMax { get; set; } = 10.0;
    /// <summary>
    /// GDAS: temperature of the last epoch, reached linearly (NB201's GDAS.sh: <c>--tau_min 0.1</c>).
    /// </summary>
    public double TauMin { get; set; } = 0.1;
    /// <summary>
    /// DrNAS: how the Dirichlet concentration is regularised (DrNAS 201-space: <c>--reg_type l2</c>).
    /// </summary>
    public DirichletRegularizer DirichletRegularizer { get; set; } = DirichletRegularizer.L2;
    /// <summary>
    /// DrNAS: scale of the regulariser (DrNAS 201-space: <c>--reg_scale 1e-3</c>); with l2 it replaces <see
    /// cref="ArchWeightDecay"/>.
    /// </summary>
    public double DirichletRegScale { get; set; } = 1e-3;

    /// <summary>VP-DARTS: how the final op of each edge is picked (the paper: one last ablation).</summary>
    public FinalChoice FinalChoice { get; set; } = FinalChoice.LastAblation;

    /// <summary>Fraction of search-valid drawn for each epoch's ablation.</summary>
    public double ValidFraction { get; set; } = 0.5;
    /// <summary>Draw a fresh subset for every ablated op instead of one paired subset per epoch.</summary>
    public bool ResampleSubsetPerOp { get; set; }
    /// <summary>Keep skip dropout on during ablation passes.</summary>
    public bool AblationDropout { get; set; }
    /// <summary>
    /// Crop and flip the ablation passes' search-valid images at random (seeded), as the authors' code does.
    /// </summary>
    public bool AblationAugment { get; set; }
    /// <summary>How ties between equally important ops are broken.</summary>
    public TieRule TieRule { get; set; } = TieRule.LargerAlpha;
    /// <summary>
    /// Leave an edge unpruned in an epoch when its five ops score the same (the authors' code prunes it by index
    /// order).
    /// </summary>
    public bool SkipUninformativeEdges { get; set; } = true;
    /// <summary>
    /// Search-train = the first half of the dataset's own order, search-valid = the last half, whatever the seed (the
    /// authors' split).
    /// </summary>
    public bool FixedSplit { get; set; }

    /// <summary>Seed of every random choice.</summary>
    public int Seed { get; set; }
    /// <summary>Intra-op threads.</summary>
    public int Threads { get; set; } = Math.Max(1, Environment.ProcessorCount);
    /// <summary>cpu or cuda.</summary>
    public string Device { get; set; } = "cpu";
    /// <summary>NB201 accuracy table for scoring; null = no scoring.</summary>
    public string? Table { get; set; }
    /// <summary>
    /// Epoch checkpoints kept (newest first); 0 keeps every epoch's supernet, e.g. for importance-compare.
    /// </summary>
    public int KeepCheckpoints { get; set; } = 2;

    /// <summary>Epochs after warm-up.</summary>
    [JsonIgnore] public int PruningEpochs => Epochs - EffectiveWarmup;

    /// <summary>Warm-up actually used (the gradient baselines have none).</summary>
    [JsonIgnore] public int EffectiveWarmup => Method.WarmsUp ? Warmup : 0;

    /// <summary>SGD weight decay in use: the setting, or the method's.</summary>
    [JsonIgnore] public double EffectiveWeightDecay => WeightDecay ?? Method.WeightDecay;

    /// <summary>SGD weight decay in use, as the checks shared with <see cref="TrainConfig"/> read it.</summary>
    double ICommonSettings.WeightDecay => EffectiveWeightDecay;

    /// <summary>Nesterov momentum in use: the setting, or the method's.</summary>
    [JsonIgnore] public bool EffectiveNesterov => Nesterov ?? Method.Nesterov;

    /// <summary>Adam weight decay of α in use: <see cref="ArchWeightDecay"/>, unless the method has its own rule
    /// (DrNAS).</summary>
    [JsonIgnore] public double EffectiveArchWeightDecay => Method.ArchWeightDecay(this);

    /// <summary>Dropout after skip_connect in use: the setting, or the method's.</summary>
    [JsonIgnore] public double EffectiveSkipDropout => SkipDropout ?? Method.SkipDropout;

    /// <summary>Step order in use: the setting, or the method's.</summary>
    [JsonIgnore] public StepOrder EffectiveStepOrder => StepOrder ?? Method.StepOrder;

    /// <summary>Whether the clip counts α in use: the setting, or the method's.</summary>
    [JsonIgnore] public bool EffectiveClipIncludesAlpha => ClipIncludesAlpha ?? Method.ClipIncludesAlpha;

    /// <summary>
    /// This config under the conditions of the authors' public code (SP-DARTS/SRP-DARTS train_search.py) where
    /// vpdarts differs by default (docs/FAITHFULNESS.md): a fresh random half of search-valid for every ablated op,
    /// skip dropout on and images cropped and flipped during ablation passes, ablation batch 64, the code's tie
    /// rules, no exception for edges whose scores all tie, and the fixed first/last-half split.
    /// </summary>
    public SearchConfig FaithfulToCode() => this with
    {
        ResampleSubsetPerOp = true, AblationDropout = true, AblationAugment = true, EvalBatchSize = 64,
        TieRule = TieRule.Code, SkipUninformativeEdges = false, FixedSplit = true,
    };

    /// <summary>
    /// This config with every setting that is null for "the default" replaced by the value in use: the method's
    /// values and the data folder, as <c>config.json</c> records a run (so the file says what ran, and a later change
    /// of defaults cannot change a resume), with the table and a <c>folder:</c> dataset's path absolute (so a resume
    /// from another working folder reads the same files). The image caps stay null when there is none.
    /// </summary>
    public SearchConfig Resolved() => this with
    {
        WeightDecay = EffectiveWeightDecay, Nesterov = EffectiveNesterov, StepOrder = EffectiveStepOrder,
        ClipIncludesAlpha = EffectiveClipIncludesAlpha, SkipDropout = EffectiveSkipDropout,
        DataDir = Data.DataOptions.ResolveDataDir(DataDir), Table = Table is null ? null : Path.GetFullPath(Table),
        Dataset = Data.DatasetSpec.Absolute(Dataset),
    };

    /// <summary>
    /// This config as a run folder's <c>config.json</c> records it, with the settings that versions before
    /// <see cref="Nesterov"/>, <see cref="StepOrder"/> and <see cref="ClipIncludesAlpha"/> did not write filled with
    /// what those versions ran for every method: weight decay 3e-4, plain momentum, the architecture step first, a clip
    /// of the network weights alone. A file written since records every one of them, so for it nothing changes; the
    /// method's current defaults would continue an older DARTS run under other settings than it began with. Skip
    /// dropout and the data folder, which files before they were resolved left null, are the method's and the user
    /// cache folder, as they were then.
    /// </summary>
    public SearchConfig AsRecorded() => this with
    {
        WeightDecay = WeightDecay ?? 3e-4, Nesterov = Nesterov ?? false,
        StepOrder = StepOrder ?? Runs.StepOrder.ArchFirst, ClipIncludesAlpha = ClipIncludesAlpha ?? false,
        SkipDropout = EffectiveSkipDropout, DataDir = Data.DataOptions.ResolveDataDir(DataDir),
    };

    /// <summary>
    /// Checks every value; throws <see cref="UserInputException"/> naming the first bad setting. The dataset spec is
    /// checked too unless <paramref name="checkDataset"/> is false (when the caller supplies the data itself).
    /// </summary>
    public SearchConfig Validate(bool checkDataset = true)
    {
        static void Require(bool ok, string message)
        {
            if (!ok) throw new UserInputException(message);
        }
        // Each method checks the options it brings, whichever method this config names: a file may hold every key.
        foreach (var method in SearchMethod.All) method.CheckOptions(this);
        Require(FinalChoice == FinalChoice.LastAblation || Method.Options.Contains(nameof(FinalChoice)),
            $"--final-choice {OptionNames.Name(FinalChoice)}: " +
            $"only {ReadersOf(nameof(FinalChoice))} accumulates importance over its epochs");
        CommonSettingChecks.DataAndNetwork(this, checkDataset);
        Require(Warmup >= 0, $"--warmup: must be zero or positive, got {Warmup}");
        Require(!Method.WarmsUp || Warmup < Epochs, $"--warmup ({Warmup}) must be less than --epochs ({Epochs})");
        Method.Validate(this);
        Require(ValidLimit is null or > 0, $"--valid-limit: must be positive, got {ValidLimit}");
        Require(ValidFraction is > 0 and <= 1, $"--valid-fraction: must be in (0, 1], got {ValidFraction}");
        Require(Limits.IsRate(WeightLr), $"--weight-lr: must be a positive number, got {WeightLr}");
        Require(WeightLrMin >= 0 && double.IsFinite(WeightLrMin),
            $"--weight-lr-min: must be zero or a positive number, got {WeightLrMin}");
        CommonSettingChecks.OptimizerAndDevice(this);
        Require(GradClip > 0 && double.IsFinite(GradClip), $"--grad-clip: must be a positive number, got {GradClip}");
        Require(Limits.IsRate(ArchLr), $"--arch-lr: must be a positive number, got {ArchLr}");
        Require(ArchBeta1 is >= 0 and < 1, $"arch_beta1: must be in [0, 1), got {ArchBeta1}");
        Require(ArchBeta2 is >= 0 and < 1, $"arch_beta2: must be in [0, 1), got {ArchBeta2}");
        Require(Limits.IsDecay(ArchWeightDecay),
            $"--arch-weight-decay: must be in [0, {Limits.MaxDecay}], got {ArchWeightDecay}");
        Require(SkipDropout is null or (>= 0 and < 1), $"--skip-dropout: must be in [0, 1), got {SkipDropout}");
        Require(KeepCheckpoints >= 0, $"--keep-checkpoints: must be zero (all) or positive, got {KeepCheckpoints}");
        Require(Table is null || File.Exists(Table), $"--table: file not found: {Table}");
        return this;
    }

    /// <summary>The methods that read <paramref name="setting"/>, as a list in words
    /// (<c>vp-darts or gdas</c>).</summary>
    private static string ReadersOf(string setting)
    {
        var names = SearchMethod.All.Where(m => m.Options.Contains(setting)).Select(m => m.Name).ToList();
        return names.Count <= 1 ? string.Concat(names) : $"{string.Join(", ", names[..^1])} or {names[^1]}";
    }
}
