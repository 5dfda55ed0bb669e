using VpDarts.Runs;
using VpDarts.Export;

namespace VpDarts.Cli.Commands;

/// <summary>
/// <c>vpdarts export RUN_DIR --onnx [--with-preprocessing] [--out FILE] [--force]</c>: writes a trained network as an
/// ONNX model, by default <c>model.onnx</c> beside <c>model.safetensors</c>; with <c>--with-preprocessing</c>, the
/// graph that takes uint8 pixels and normalises them itself, by default <c>model-preprocessed.onnx</c>. An existing
/// file is kept unless <c>--force</c> is given; the files the export reads and the run's own record are refused even
/// then (<see cref="ExportTarget"/>).
/// </summary>
public sealed class ExportCommand(IAnsiConsole console) : TorchCommand<ExportCommand.Settings>
{
    /// <summary>Arguments of <c>export</c>.</summary>
    public sealed class Settings : CommandSettings
    {
        /// <summary>
        /// The train run folder, search run trained with --then-train, model folder or model.safetensors file.
        /// </summary>
        [CommandArgument(0, "<RUN_DIR>")]
        [Description("A train run folder (or a search run trained with --then-train), its model/ folder, or a " +
            "model.safetensors file in a model folder")]
        public string Model { get; set; } = "";

        /// <summary>Whether to write ONNX (the one export format).</summary>
        [CommandOption("--onnx")]
        [Description("Write an ONNX model (opset 17):\ninput 'images' [[batch, C, H, W]] normalised as predict does, " +
            "output 'logits'")]
        public bool Onnx { get; set; }

        /// <summary>Whether the graph takes uint8 pixels and normalises them itself.</summary>
        [CommandOption("--with-preprocessing")]
        [Description("With --onnx: the graph takes input 'pixels', uint8 [[batch, C, H, W]] in 0..255, and " +
            "normalises them itself (same output); written to model-preprocessed.onnx by default")]
        public bool WithPreprocessing { get; set; }

        /// <summary>Where to write the model.</summary>
        [CommandOption("-o|--out <FILE>")]
        [Description("Output file\n[[default: model.onnx in the model folder]]\n" +
            "(model-preprocessed.onnx with --with-preprocessing)")]
        public string? Out { get; set; }

        /// <summary>Whether an existing output file may be replaced.</summary>
        [CommandOption("--force")]
        [Description("Replace the output file if it exists")]
        public bool Force { get; set; }

        /// <inheritdoc />
        public override ValidationResult Validate()
        {
            if (WithPreprocessing && !Onnx)
                return ValidationResult.Error("--with-preprocessing: only with --onnx (it adds the normalisation to " +
                                              "the ONNX graph)");
            if (!Onnx) return ValidationResult.Error("--onnx: required (ONNX is the format export writes)");
            if (Out is { Length: > 0 } && string.IsNullOrWhiteSpace(Out))
                return ValidationResult.Error("--out: empty file name");
            return ValidationResult.Success();
        }
    }

    /// <summary>Adds the command to the application.</summary>
    public static void Register(IConfigurator config) =>
        config.AddCommand<ExportCommand>("export")
            .WithDescription("Export a trained cell's network for deployment: --onnx writes model.onnx (ONNX " +
                "Runtime, opset 17) beside model.safetensors.")
            .WithExample("export", "runs/train-cifar10", "--onnx")
            .WithExample("export", "runs/train-cifar10", "--onnx", "--with-preprocessing")
            .WithExample("export", "runs/train-cifar10/model/model.safetensors", "--onnx", "--out",
                "deploy/cell.onnx", "--force");

    /// <inheritdoc />
    protected override int ExecuteWithTorch(CommandContext context, Settings settings,
        CancellationToken cancellationToken)
    {
        var folder = ModelFolder.Resolve(settings.Model, "RUN_DIR");
        var form = settings.WithPreprocessing ? OnnxInputForm.Pixels : OnnxInputForm.Normalised;
        var target = Path.GetFullPath(settings.Out ?? Path.Combine(folder, OnnxExport.FileNameOf(form)));
        if (Directory.Exists(target))
            throw new UserInputException($"--out: {target} is a folder; name the file to write");
        ExportTarget.Check(target, folder, OnnxExport.FileNameOf(form));
        if (form == OnnxInputForm.Pixels && target == Path.Combine(Path.GetFullPath(folder), OnnxExport.FileName))
            throw new UserInputException($"--out: {target} is where the model's plain graph goes; the graph with " +
                $"preprocessing takes other input, so give it another name (the default is " +
                $"{Path.Combine(Path.GetFullPath(folder), OnnxExport.PreprocessedFileName)})");
        // a training run must not rewrite model/ meanwhile
        using var writer = RunOf(folder) is { } run ? RunLock.Acquire(run, "RUN_DIR", "vpdarts export") : null;
        if (File.Exists(target) && !settings.Force)
            throw new UserInputException($"--out: {target} exists; add --force to replace it");
        using var model = ModelExport.Load(folder);
        OnnxExport.Write(target, model.Network, model.Info, form);
        var info = model.Info;
        var input = form == OnnxInputForm.Pixels
            ? "uint8 0..255, normalised inside the graph with the model's mean and std"
            : "normalised with the model's mean and std";
        Output.Line(console, $"wrote {OneLine.Escape(target)}: ONNX opset {OnnxExport.Opset}, input " +
                             $"'{OnnxExport.InputNameOf(form)}' " +
                             $"[batch,{info.InputChannels},{info.InputSize},{info.InputSize}] {input}, output " +
                             $"'{OnnxExport.OutputName}' [batch,{info.Classes}]");
        return 0;
    }

    /// <summary>The run folder holding the model folder <paramref name="folder"/> (its <c>model/</c>), or null for a
    /// model folder of its own.</summary>
    private static string? RunOf(string folder) =>
        Path.GetDirectoryName(Path.GetFullPath(folder)) is { } parent && new RunDirectory(parent)
            .HoldsRun ? parent : null;
}
