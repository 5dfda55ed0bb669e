using VpDarts.Runs;

namespace VpDarts.Cli.Commands;

/// <summary>
/// The help of every run setting that an option sets, each written once: the settings that search and train both
/// have share one text, and every command's option for a setting shows it (<see cref="ConfigKeyAttribute"/>), with
/// the command's presets' values as its default (<see cref="PresetDescriptionAttribute{TConfig}"/>), the method's
/// (<see cref="MethodDefaultDescriptionAttribute"/>) or the names it takes
/// (<see cref="NamesDescriptionAttribute{T}"/>).
/// </summary>
public static class SettingHelp
{
    /// <summary>Each setting's help, by config type and setting: note → text.</summary>
    private static readonly Dictionary<(Type Config, string Setting), Func<string?, string>> Table = Build();

    /// <summary>
    /// The help of <paramref name="setting"/> of <paramref name="config"/>; <paramref name="note"/> follows the
    /// presets' values inside the brackets.
    /// </summary>
    /// <exception cref="InvalidOperationException">
    /// The setting has no help here, or a note where no presets' values are shown.
    /// </exception>
    public static string Of(Type config, string setting, string? note = null) =>
        Table.TryGetValue((config, setting), out var help) ? help(note)
        : throw new InvalidOperationException($"no help for {config.Name}.{setting}");

    private static Dictionary<(Type, string), Func<string?, string>> Build()
    {
        var table = new Dictionary<(Type, string), Func<string?, string>>();

        // Settings of both search and training, in the same sense.
        Both(nameof(SearchConfig.Dataset), "cifar10, cifar100, fashion-mnist, imagenet16-120, demo or folder:PATH");
        Fixed<SearchConfig>(nameof(SearchConfig.DataDir), () => new DataDirDescriptionAttribute());
        Fixed<TrainConfig>(nameof(TrainConfig.DataDir), () => new DataDirDescriptionAttribute());
        Both(nameof(SearchConfig.ImageSize),
            "folder:PATH datasets: resize each image's shorter side to N, then centre-crop N×N " +
            "(torchvision Resize + CenterCrop)", none: "the images' own size");
        Both(nameof(SearchConfig.Layers), "Cells per stage (N)");
        Both(nameof(SearchConfig.Channels), "Channels of the first stage (C)");
        Both(nameof(SearchConfig.Momentum), "SGD momentum");
        Both(nameof(SearchConfig.Seed), "Seed of every random choice");
        Both(nameof(SearchConfig.Threads), "Intra-op threads (paper: every core of this machine)");
        Both(nameof(SearchConfig.Device), "cpu or cuda");

        // Search.
        Fixed<SearchConfig>(nameof(SearchConfig.Method), () => new MethodNamesDescriptionAttribute());
        Names(nameof(SearchConfig.K), "--k MODE: VP-DARTS pruning strength, ", KMode.Adjustable);
        Names(nameof(SearchConfig.Decay), "Decay of adjustable K: ", DecaySchedule.Linear);
        Names(nameof(SearchConfig.Importance), "", ImportanceCriterion.ValidAccuracy);
        Search(nameof(SearchConfig.RaceConfidence),
            "valid-accuracy-racing: probability per edge of never dropping the op the whole subset keeps, in (0,1]]; " +
            "1 = exact");
        Search(nameof(SearchConfig.RaceMinBatches),
            "valid-accuracy-racing: batches every op sees before the first test");
        Search(nameof(SearchConfig.ScreenKeep),
            "valid-accuracy-screening: ops per edge verified by exact ablation after the first-order screen, 1-5");
        Names(nameof(SearchConfig.FinalChoice), "VP-DARTS's final op per edge: ", FinalChoice.LastAblation);
        Search(nameof(SearchConfig.Epochs), "Total epochs, warm-up included");
        Search(nameof(SearchConfig.Warmup), "Warm-up epochs with α frozen",
            note: $"; {string.Join(", ", SearchMethod.All.Where(m => !m.WarmsUp).Select(m => m.Name))}: none");
        Search(nameof(SearchConfig.BatchSize), "Batch size of weight and architecture steps");
        Search(nameof(SearchConfig.EvalBatchSize), "Batch size of ablation passes");
        Search(nameof(SearchConfig.TrainLimit), "Cap on search-train images, class-balanced", none: "whole half");
        Search(nameof(SearchConfig.ValidLimit), "Cap on search-valid images, class-balanced", none: "whole half");
        Search(nameof(SearchConfig.ValidFraction),
            "Fraction of search-valid drawn for each epoch's ablation, in (0,1]]");
        Plain<SearchConfig>(nameof(SearchConfig.ResampleSubsetPerOp),
            "Draw a fresh ablation subset for every op (reference code) instead of one paired subset per epoch");
        Plain<SearchConfig>(nameof(SearchConfig.AblationDropout),
            "Keep skip dropout active during ablation passes (reference code)");
        Search(nameof(SearchConfig.WeightLr), "Initial SGD learning rate, cosine to --weight-lr-min");
        Search(nameof(SearchConfig.WeightLrMin), "Final SGD learning rate");
        Fixed<SearchConfig>(nameof(SearchConfig.WeightDecay),
            () => new MethodDefaultDescriptionAttribute("SGD weight decay", nameof(SearchMethod.WeightDecay)));
        Search(nameof(SearchConfig.GradClip), "Gradient-norm clip of weight steps");
        Search(nameof(SearchConfig.ArchLr), "Adam learning rate of α");
        Search(nameof(SearchConfig.ArchWeightDecay), "Adam weight decay of α");
        Fixed<SearchConfig>(nameof(SearchConfig.SkipDropout),
            () => new MethodDefaultDescriptionAttribute("Dropout after skip_connect",
                nameof(SearchMethod.SkipDropout)));
        Search(nameof(SearchConfig.TauMax),
            $"{ReadBy(nameof(SearchConfig.TauMax))}Gumbel-softmax temperature of the first epoch");
        Search(nameof(SearchConfig.TauMin),
            $"{ReadBy(nameof(SearchConfig.TauMin))}temperature of the last epoch, reached linearly");
        Names(nameof(SearchConfig.DirichletRegularizer),
            $"{ReadBy(nameof(SearchConfig.DirichletRegularizer))}regulariser of the concentration, ",
            DirichletRegularizer.L2);
        Search(nameof(SearchConfig.DirichletRegScale),
            $"{ReadBy(nameof(SearchConfig.DirichletRegScale))}scale of the regulariser (l2: Adam's weight decay of α)");
        Search(nameof(SearchConfig.KeepCheckpoints),
            "Epoch checkpoints kept, newest first; 0 = every epoch (for importance-compare)");

        // Training.
        Plain<TrainConfig>(nameof(TrainConfig.Arch),
            "The cell to train, an NB201 arch string such as |nor_conv_3x3~0|+|...| (quote it: '|' is a shell pipe); " +
            "required unless resuming");
        Train(nameof(TrainConfig.Epochs), "Training epochs");
        Train(nameof(TrainConfig.BatchSize), "Training batch size");
        Train(nameof(TrainConfig.EvalBatchSize), "Batch size of the test evaluation");
        Train(nameof(TrainConfig.TrainLimit), "Cap on training images, class-balanced", none: "whole training split");
        Train(nameof(TrainConfig.Lr), "Initial learning rate (cosine)");
        Train(nameof(TrainConfig.LrMin), "Learning rate after the last step");
        Train(nameof(TrainConfig.Nesterov), "Nesterov momentum, true or false");
        Train(nameof(TrainConfig.WeightDecay), "SGD weight decay");
        return table;

        // "gdas: ": the methods that read a method's own option, from their modules.
        static string ReadBy(string setting) =>
            string.Join(", ", SearchMethod.All.Where(m => m.Options.Contains(setting)).Select(m => m.Name)) + ": ";

        void Preset<TConfig>(string setting, string text, string? none, string? note) where TConfig : class =>
            table.Add((typeof(TConfig), setting),
                given => new PresetDescriptionAttribute<TConfig>(text, setting, none, note + given).Description);
        void Search(string setting, string text, string? none = null, string? note = null) =>
            Preset<SearchConfig>(setting, text, none, note);
        void Train(string setting, string text, string? none = null) => Preset<TrainConfig>(setting, text, none, null);
        void Both(string setting, string text, string? none = null)
        {
            Preset<SearchConfig>(setting, text, none, null);
            Preset<TrainConfig>(setting, text, none, null);
        }
        // Help that shows no presets' values, so a note has nowhere to go.
        void Fixed<TConfig>(string setting, Func<DescriptionAttribute> help) =>
            table.Add((typeof(TConfig), setting), given => given is null ? help().Description
                : throw new InvalidOperationException(
                    $"{typeof(TConfig).Name}.{setting}: its help shows no presets' values"));
        void Plain<TConfig>(string setting, string text) =>
            Fixed<TConfig>(setting, () => new DescriptionAttribute(text));
        void Names<T>(string setting, string lead, T defaultValue) where T : struct, Enum =>
            Fixed<SearchConfig>(setting, () => new NamesDescriptionAttribute<T>(lead, defaultValue));
    }
}
