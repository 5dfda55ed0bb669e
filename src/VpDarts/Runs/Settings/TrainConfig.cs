using VpDarts.SearchSpace;

namespace VpDarts.Runs;

/// <summary>Every setting of a training run, as one plain object (serialised to <c>config.json</c>).</summary>
/// <remarks>
/// The defaults are NB201's protocol: 200 epochs, batch 256, SGD Nesterov 0.9, lr 0.1 cosine to 0, weight decay 5e-4.
/// </remarks>
public sealed record TrainConfig : ICommonSettings
{
    /// <summary>The cell to train, as an NB201 arch string (required).</summary>
    public string Arch { get; set; } = "";

    /// <summary>Dataset spec (cifar10, cifar100, fashion-mnist, imagenet16-120, demo, folder:PATH).</summary>
    public string Dataset { get; set; } = "cifar10";
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
    /// <summary>Cap on training images (class-balanced, from the seed); null = the whole training split.</summary>
    public int? TrainLimit { get; set; }

    /// <summary>Cells per stage (N).</summary>
    public int Layers { get; set; } = 5;
    /// <summary>Channels of the first stage (C).</summary>
    public int Channels { get; set; } = 16;
    /// <summary>Training epochs.</summary>
    public int Epochs { get; set; } = 200;
    /// <summary>Training batch size.</summary>
    public int BatchSize { get; set; } = 256;
    /// <summary>Batch size of the final evaluation on the test split.</summary>
    public int EvalBatchSize { get; set; } = 256;

    /// <summary>Initial learning rate, cosine-annealed per step to <see cref="LrMin"/>.</summary>
    public double Lr { get; set; } = 0.1;
    /// <summary>Learning rate at the end of the last step.</summary>
    public double LrMin { get; set; }
    /// <summary>SGD momentum.</summary>
    public double Momentum { get; set; } = 0.9;
    /// <summary>Nesterov momentum.</summary>
    public bool Nesterov { get; set; } = true;
    /// <summary>SGD weight decay (on every parameter, as NB201 does).</summary>
    public double WeightDecay { get; set; } = 5e-4;

    /// <summary>Seed of every random choice (initial weights, subset, order, augmentation).</summary>
    public int Seed { get; set; }
    /// <summary>Intra-op threads.</summary>
    public int Threads { get; set; } = Math.Max(1, Environment.ProcessorCount);
    /// <summary>cpu or cuda.</summary>
    public string Device { get; set; } = "cpu";

    /// <summary>The parsed <see cref="Arch"/>; call <see cref="Validate"/> first.</summary>
    [JsonIgnore] public Genotype Genotype => Genotype.Parse(Arch);

    /// <summary>
    /// This config with the data folder in use in place of null and a <c>folder:</c> dataset's path absolute, as
    /// <c>config.json</c> records a run.
    /// </summary>
    public TrainConfig Resolved() =>
        this with { DataDir = Data.DataOptions.ResolveDataDir(DataDir), Dataset = Data.DatasetSpec.Absolute(Dataset) };

    /// <summary>
    /// Checks every value; throws <see cref="UserInputException"/> naming the first bad setting. The dataset spec is
    /// checked too unless <paramref name="checkDataset"/> is false (when the caller supplies the data itself).
    /// </summary>
    public TrainConfig Validate(bool checkDataset = true)
    {
        static void Require(bool ok, string message)
        {
            if (!ok) throw new UserInputException(message);
        }
        Require(!string.IsNullOrWhiteSpace(Arch), "--arch: required, an NB201 arch string such as " +
            "'|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|skip_connect~0|nor_conv_3x3~1|nor_conv_3x3~2|'");
        Require(Genotype.TryParse(Arch, out _, out var archError), $"--arch: {archError}");
        CommonSettingChecks.DataAndNetwork(this, checkDataset);
        Require(Limits.IsRate(Lr), $"--lr: must be a positive number, got {Lr}");
        Require(LrMin >= 0 && LrMin <= Lr, $"--lr-min: must be in [0, --lr], got {LrMin}");
        CommonSettingChecks.OptimizerAndDevice(this);
        Require(!Nesterov || Momentum > 0, "--nesterov: needs a positive --momentum");
        return this;
    }
}
