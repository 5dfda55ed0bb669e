using VpDarts.Data;
using VpDarts.Models;
using VpDarts.Runs;
using VpDarts.Runtime;
using VpDarts.SearchSpace;

namespace VpDarts.Export;

/// <summary>
/// The content of an exported model's <c>model.json</c>: enough to rebuild the network (arch, C, N, classes, input
/// channels), to feed it (input size, mean, std) and to name its outputs, plus every tensor's name and shape.
/// See <c>docs/MODEL_FORMAT.md</c>.
/// </summary>
public sealed record ModelInfo
{
    /// <summary>The format's name, always <see cref="FormatName"/>.</summary>
    public string Format { get; init; } = FormatName;
    /// <summary>Version of the folder layout and of this file.</summary>
    public int FormatVersion { get; init; } = CurrentVersion;
    /// <summary>The cell, as an NB201 arch string.</summary>
    public string Arch { get; init; } = "";
    /// <summary>Channels of the first stage (C).</summary>
    public int Channels { get; init; }
    /// <summary>Cells per stage (N).</summary>
    public int Layers { get; init; }
    /// <summary>Number of classes (outputs).</summary>
    public int Classes { get; init; }
    /// <summary>Input channels: 3 for RGB, 1 for grey.</summary>
    public int InputChannels { get; init; }
    /// <summary>Input height and width in pixels.</summary>
    public int InputSize { get; init; }
    /// <summary>
    /// The <c>--image-size</c> training images were resized and centre-cropped to (equal to <see cref="InputSize"/>),
    /// or null when they had that size already. Either way <c>predict</c> brings an image of another size to
    /// <see cref="InputSize"/> with <see cref="Data.ImageTransform"/>.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public int? ImageSize { get; init; }
    /// <summary>The smallest per-channel std accepted: dividing by less turns ordinary pixels into overflowing
    /// inputs.</summary>
    public const float MinStd = 1e-6f;

    /// <summary>Per-channel mean in 0..1 units.</summary>
    public float[] Mean { get; init; } = [];
    /// <summary>Per-channel standard deviation in 0..1 units.</summary>
    public float[] Std { get; init; } = [];
    /// <summary>Class names in output order.</summary>
    public string[] ClassNames { get; init; } = [];
    /// <summary>The dataset trained on (informational): its spec, with a <c>folder:</c> path cut to the folder's own
    /// name (<see cref="DatasetSpec.Shareable"/>).</summary>
    public string? Dataset { get; init; }
    /// <summary>SHA-256 over the training data's images and labels (<see cref="DataFingerprint.Sha256"/>), or null
    /// when unknown (a model exported outside a train run, or by an older version).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? DataSha256 { get; init; }
    /// <summary>Total number of trainable values (the sum over <see cref="Parameters"/>).</summary>
    public long ParameterCount { get; init; }
    /// <summary>Trainable tensors, in module order.</summary>
    public TensorEntry[] Parameters { get; init; } = [];
    /// <summary>Batch-norm statistics (<c>running_mean</c>, <c>running_var</c>, <c>num_batches_tracked</c>), in module
    /// order.</summary>
    public TensorEntry[] Buffers { get; init; } = [];

    /// <summary>The value of <see cref="Format"/>.</summary>
    public const string FormatName = "vpdarts-nb201-network";

    /// <summary>The version this library writes and reads.</summary>
    public const int CurrentVersion = 1;

    /// <summary>The parsed arch (valid once <see cref="Read"/> has checked the file).</summary>
    [JsonIgnore] public Genotype Genotype => Genotype.Parse(Arch);

    /// <summary>The network shape this file describes.</summary>
    [JsonIgnore] public NetworkShape Shape => new(Channels, Layers, InputChannels, Classes);

    /// <summary>Describes <paramref name="network"/> fed with images as <paramref name="input"/> says.</summary>
    public static ModelInfo Describe(DiscreteNetwork network, ModelInput input)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(input);
        var shape = network.Shape;
        if (input.ClassNames.Count != shape.Classes)
            throw new ArgumentException(
                $"{input.ClassNames.Count} class names for a network of {shape.Classes} classes", nameof(input));
        if (input.Mean.Length != shape.InputChannels || input.Std.Length != shape.InputChannels)
            throw new ArgumentException($"mean and std need {shape.InputChannels} values", nameof(input));
        var parameters = network.named_parameters().Select(p => new TensorEntry(p.name, p.parameter.shape)).ToArray();
        return new ModelInfo
        {
            Arch = network.Genotype.ToString(),
            Channels = shape.Channels,
            Layers = shape.CellsPerStage,
            Classes = shape.Classes,
            InputChannels = shape.InputChannels,
            InputSize = input.Size,
            ImageSize = input.ImageSize,
            Mean = (float[])input.Mean.Clone(),
            Std = (float[])input.Std.Clone(),
            ClassNames = input.ClassNames.ToArray(),
            Dataset = DatasetSpec.Shareable(input.Dataset),
            DataSha256 = input.DataSha256,
            ParameterCount = parameters.Sum(p => p.Elements),
            Parameters = parameters,
            Buffers = network.named_buffers().Select(b => new TensorEntry(b.name, b.buffer.shape)).ToArray(),
        };
    }

    /// <summary>
    /// Reads and checks <c>model.json</c> at <paramref name="path"/>: every shape field within
    /// <see cref="ModelLimits"/>, the tensor list consistent with itself and with the network that arch, channels,
    /// layers, input channels and classes describe. Every problem is one line naming the file and the key.
    /// </summary>
    public static ModelInfo Read(string path)
    {
        RegularFile.Require(path, $"file not found (is {Path.GetDirectoryName(path)} an exported model folder?)");
        ModelInfo? info;
        try
        {
            var size = new FileInfo(path).Length;
            if (size > ModelLimits.MaxInfoBytes)
                throw new UserInputException(
                    $"{path}: {size} bytes, more than the {ModelLimits.MaxInfoBytes} a model.json may have");
            info = JsonSerializer.Deserialize<ModelInfo>(File.ReadAllText(path), RunDirectory.Json);
        }
        catch (JsonException e)
        {
            throw new UserInputException(
                $"{path}: not a valid model.json: {JsonWords.Problem<ModelInfo>(e, RunDirectory.Json)}", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UserInputException($"{path}: cannot read ({OneLine.Of(e)})", e);
        }
        if (info is null) throw new UserInputException($"{path}: holds null instead of a model description");
        info.Check(path);
        // older versions recorded a folder: dataset's absolute path; it is not passed on into new files
        return info with { Dataset = DatasetSpec.Shareable(info.Dataset) };
    }

    /// <summary>The keys of <c>model.json</c> that are not copied into other files' metadata: the tensor
    /// list.</summary>
    private static readonly string[] TensorListKeys = ["parameters", "buffers"];

    private static readonly JsonSerializerOptions OneLineJson =
        new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The longest <c>class_names</c> entry (its JSON text, in UTF-8 bytes) that
    /// <see cref="SafetensorsMetadata"/> holds.</summary>
    public const int MaxMetadataClassNamesBytes = 4096;

    /// <summary>
    /// The top-level entries of this <c>model.json</c> as strings, under the same names and in the same order, less
    /// the tensor lists (<c>parameters</c>, <c>buffers</c>) and null values: a string as itself, a number or a list
    /// as its JSON text. Both the ONNX model's <c>metadata_props</c> and <c>model.safetensors</c>'
    /// <c>__metadata__</c> are made from it, so their names and values are <c>model.json</c>'s.
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, string>> Entries()
    {
        var entries = new List<KeyValuePair<string, string>>();
        var json = JsonSerializer.SerializeToElement(this, RunDirectory.Json);
        foreach (var property in json.EnumerateObject())
        {
            if (TensorListKeys.Contains(property.Name) || property.Value.ValueKind == JsonValueKind.Null) continue;
            var value = property.Value.ValueKind == JsonValueKind.String
                ? property.Value.GetString()!
                : JsonSerializer.Serialize(property.Value, OneLineJson);
            entries.Add(new(property.Name, value));
        }
        return entries;
    }

    /// <summary>The <c>__metadata__</c> of <c>model.safetensors</c>: <see cref="Entries"/>, less
    /// <c>class_names</c> when its JSON text exceeds <see cref="MaxMetadataClassNamesBytes"/> (the header is read
    /// whole by every safetensors reader; model.json always holds the names).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> SafetensorsMetadata() =>
        Entries().Where(e =>
            e.Key != "class_names" || Encoding.UTF8.GetByteCount(e.Value) <= MaxMetadataClassNamesBytes).ToList();

    /// <summary>
    /// The number of trainable values of the network of <paramref name="genotype"/> and <paramref name="shape"/>,
    /// computed without building it. It follows <see cref="Nb201Network"/> and <see cref="DiscreteNetwork"/> (the table
    /// in docs/MODEL_FORMAT.md); <see cref="ModelExport.Load"/> compares the built network's tensors with the file as
    /// well.
    /// </summary>
    public static long ParameterCountOf(Genotype genotype, NetworkShape shape)
    {
        ArgumentNullException.ThrowIfNull(genotype);
        ArgumentNullException.ThrowIfNull(shape);
        static long ConvBn(long cin, long cout, long kernel) => cout * cin * kernel * kernel + 2 * cout;
        checked
        {
            var count = ConvBn(shape.InputChannels, shape.Channels, 3);  // stem
            for (var stage = 0; stage < 3; stage++)
            {
                long c = shape.StageChannels(stage);
                // conv_a, conv_b, 1×1 downsample
                if (stage > 0) count += ConvBn(c / 2, c, 3) + ConvBn(c, c, 3) + c * (c / 2);
                var cell = genotype.Ops.Sum(op =>
                    op switch { Operation.Conv1x1 => ConvBn(c, c, 1), Operation.Conv3x3 => ConvBn(c, c, 3), _ => 0L });
                count += shape.CellsPerStage * cell;
            }
            long last = shape.StageChannels(2);
            return count + 2 * last + last * shape.Classes + shape.Classes;  // lastact, classifier
        }
    }

    private void Check(string path)
    {
        void Require(bool ok, string message)
        {
            if (!ok) throw new UserInputException($"{path}: {message}");
        }
        void InRange(string key, int value, int min, int max) =>
            Require(value >= min && value <= max, $"{key} is {value}, expected {min} to {max}");
        static string Number(float value) => value.ToString(CultureInfo.InvariantCulture);

        Require(Format == FormatName, $"format is '{Format}', expected '{FormatName}'");
        Require(FormatVersion == CurrentVersion,
            $"format_version {FormatVersion} is not supported (this build reads {CurrentVersion})");
        Require(Genotype.TryParse(Arch, out _, out var archError), $"arch: {archError}");
        InRange("channels", Channels, 1, ModelLimits.MaxChannels);
        InRange("layers", Layers, 1, ModelLimits.MaxLayers);
        InRange("classes", Classes, 1, ModelLimits.MaxClasses);
        Require(InputChannels is 1 or 3, $"input_channels is {InputChannels}, expected 1 or 3");
        InRange("input_size", InputSize, ModelLimits.MinInputSize, ModelLimits.MaxInputSize);
        Require(ImageSize is null || ImageSize == InputSize,
            $"image_size is {ImageSize}, expected null or input_size ({InputSize})");
        Require(Mean is not null && Mean.Length == InputChannels,
            $"mean has {Mean?.Length ?? 0} values, expected {InputChannels} (input_channels)");
        Require(Std is not null && Std.Length == InputChannels,
            $"std has {Std?.Length ?? 0} values, expected {InputChannels} (input_channels)");
        for (var i = 0; i < InputChannels; i++)
        {
            Require(float.IsFinite(Mean![i]), $"mean[{i}] is {Number(Mean[i])}, expected a finite value");
            Require(float.IsFinite(Std![i]) && Std[i] >= MinStd,
                $"std[{i}] is {Number(Std[i])}, expected a finite value of at least 1e-6");
        }
        Require(ClassNames is not null && ClassNames.Length == Classes,
            $"class_names has {ClassNames?.Length ?? 0} names for {Classes} classes");
        for (var i = 0; i < ClassNames!.Length; i++)
        {
            var name = ClassNames[i];
            Require(name is not null, $"class_names[{i}] is null");
            Require(name!.Length <= ModelLimits.MaxClassNameLength,
                $"class_names[{i}] has {name.Length} characters, more than {ModelLimits.MaxClassNameLength}");
            // predict prints one tab-separated line per image
            Require(!name.Any(char.IsControl), $"class_names[{i}] holds a control character");
        }
        Require(DataSha256 is null || (DataSha256.Length == 64 && DataSha256.All(char.IsAsciiHexDigitLower)),
            "data_sha256 is not 64 lower-case hexadecimal digits");
        Require(Parameters is { Length: > 0 }, "parameters is missing or empty");
        CheckEntries(path, "parameters", Parameters);
        CheckEntries(path, "buffers", Buffers ?? []);
        long listed;
        try { listed = Parameters.Sum(p => p.Elements); }
        catch (OverflowException) { listed = -1; }
        Require(ParameterCount == listed,
            $"parameter_count {ParameterCount} differs from the sum of the parameter shapes");
        var expected = ParameterCountOf(Genotype, Shape);
        Require(ParameterCount == expected, $"parameter_count {ParameterCount} does not fit arch, channels " +
                                            $"{Channels}, layers {Layers}, input_channels {InputChannels} and " +
                                            $"classes {Classes}, which give {expected}");
    }

    private static void CheckEntries(string path, string key, TensorEntry[] entries)
    {
        for (var i = 0; i < entries.Length; i++)
        {
            var entry = entries[i];
            if (entry is not { Name.Length: > 0, Shape: not null })
                throw new UserInputException($"{path}: {key}[{i}] has no name or no shape");
            if (entry.Shape.Length > ModelLimits.MaxRank || entry.Shape.Any(d => d < 0 || d > int.MaxValue))
                throw new UserInputException($"{path}: {key}[{i}] ('{entry.Name}') has shape " +
                                             $"[{string.Join(",", entry.Shape)}], expected at most " +
                                             $"{ModelLimits.MaxRank} dimensions of 0 to {int.MaxValue}");
        }
    }
}
