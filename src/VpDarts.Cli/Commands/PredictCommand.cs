using System.Globalization;
using VpDarts.Export;

namespace VpDarts.Cli.Commands;

/// <summary>
/// <c>vpdarts predict --model DIR IMAGES...</c>: classifies image files with an exported model and prints one
/// tab-separated line per image: file, class index, class name, probability; with <c>--json</c> one JSON object per
/// image (<see cref="PredictionRecord"/>). DIR may be a model folder or a run folder (<see cref="ModelFolder"/>).
/// </summary>
public sealed class PredictCommand(IAnsiConsole console) : TorchCommand<PredictCommand.Settings>
{
    /// <summary>Arguments of <c>predict</c>.</summary>
    public sealed class Settings : CommandSettings
    {
        /// <summary>The exported model folder, or a run folder holding one.</summary>
        [CommandOption("-m|--model <DIR>")]
        [Description("Exported model folder (model.json, model.safetensors, model.bin), a train run folder (its " +
            "model/) or a search run trained with --then-train (its train/model/)")]
        public string? Model { get; set; }

        /// <summary>Whether to print JSON Lines.</summary>
        [CommandOption("--json")]
        [Description("One JSON object per image: file, class_index, class_name, probability and probabilities " +
            "(every class's class_name and probability, in class order), numbers at full precision")]
        public bool Json { get; set; }

        /// <summary>The weight file to load.</summary>
        [CommandOption("--format <FORMAT>")]
        [Description("Weights to load: safetensors or torchsharp (model.bin) [[default: safetensors]]")]
        public string? Format { get; set; }

        /// <summary>Intra-op threads.</summary>
        [CommandOption("--threads <N>")]
        [Description("Intra-op threads [[default: all cores]]")]
        public int? Threads { get; set; }

        /// <summary>The images to classify.</summary>
        [CommandArgument(0, "<IMAGES>")]
        [Description("Image files (JPEG, PNG); resized to the model's input size when they have another size")]
        public string[] Images { get; set; } = [];

        /// <inheritdoc />
        public override ValidationResult Validate()
        {
            if (Model is null)
                return ValidationResult.Error("--model: required, the exported model folder or the train run folder");
            if (Format is not (null or "safetensors" or "torchsharp"))
                return ValidationResult.Error($"--format: expected safetensors or torchsharp, got '{Format}'");
            if (Threads is < 1) return ValidationResult.Error($"--threads: must be positive, got {Threads}");
            return ValidationResult.Success();
        }
    }

    /// <summary>Adds the command to the application.</summary>
    public static void Register(IConfigurator config) =>
        config.AddCommand<PredictCommand>("predict")
            .WithDescription("Classify image files with a model exported by train: one line per image (file, class " +
                "index, class name, probability), or with --json one JSON object per image.")
            .WithExample("predict", "--model", "runs/train-cifar10", "cat.jpg", "ship.png")
            .WithExample("predict", "--model", "runs/train-cifar10/model", "--json", "cat.jpg")
            .WithExample("predict", "--model", "runs/train-cifar10/model", "--format", "torchsharp", "images/a.jpg");

    /// <inheritdoc />
    protected override int ExecuteWithTorch(CommandContext context, Settings settings,
        CancellationToken cancellationToken)
    {
        TorchSharp.torch.set_num_threads(settings.Threads ?? Math.Max(1, Environment.ProcessorCount));
        var format = settings.Format == "torchsharp" ? ModelFormat.TorchSharp : ModelFormat.Safetensors;
        using var model = ModelExport.Load(ModelFolder.Resolve(settings.Model, "--model"), format);
        foreach (var p in Predictor.Classify(model, settings.Images))
            if (settings.Json) Output.JsonLine(console, Record(p, model.Info.ClassNames));
            else Output.Line(console, $"{OneLine.Escape(p.File)}\t{p.ClassIndex}\t{p.ClassName}\t" +
                $"{p.Probability.ToString("F4", CultureInfo.InvariantCulture)}");
        return 0;
    }

    private static PredictionRecord Record(Prediction p, IReadOnlyList<string> classNames) => new()
    {
        File = p.File,
        ClassIndex = p.ClassIndex,
        ClassName = p.ClassName,
        Probability = p.Probability,
        Probabilities = p.Probabilities
            .Select((value, c) => new ClassProbabilityRecord { ClassName = classNames[c], Probability = value })
            .ToList(),
    };
}
