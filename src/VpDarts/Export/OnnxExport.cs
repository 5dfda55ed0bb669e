using System.Reflection;
using Google.Protobuf;
using Onnx;
using VpDarts.Models;
using VpDarts.Runtime;

namespace VpDarts.Export;

/// <summary>
/// Writes a trained network as an ONNX model (<c>model.onnx</c>) for ONNX Runtime and other deployers: input
/// <see cref="InputName"/> float32 [batch, C, H, W] (batch dynamic), already normalised as <c>predict</c> normalises
/// images, output <see cref="OutputName"/> [batch, classes] (logits, before softmax). The entries of <c>model.json</c>
/// (arch, shape, input size, mean, std, class names, dataset; under its names) and the vpdarts version are stored in
/// the model's <c>metadata_props</c>. See <see cref="OnnxGraphWriter"/> for how the graph follows the network. The
/// graph with preprocessing (<see cref="OnnxInputForm.Pixels"/>, <see cref="PreprocessedFileName"/>) takes uint8
/// pixels instead, input <see cref="PixelsInputName"/>, and normalises them itself; its output is the same.
/// </summary>
public static class OnnxExport
{
    /// <summary>File name of the ONNX model in a model folder.</summary>
    public const string FileName = "model.onnx";
    /// <summary>The ONNX operator set the graph uses.</summary>
    public const long Opset = 17;
    /// <summary>The ONNX IR version released with <see cref="Opset"/> (ONNX 1.12).</summary>
    public const long IrVersion = 8;
    /// <summary>File name of the graph with preprocessing (<see cref="OnnxInputForm.Pixels"/>) in a model
    /// folder.</summary>
    public const string PreprocessedFileName = "model-preprocessed.onnx";
    /// <summary>Name of the graph's input.</summary>
    public const string InputName = "images";
    /// <summary>Name of the input of the graph with preprocessing: uint8 pixels [batch, C, H, W].</summary>
    public const string PixelsInputName = "pixels";
    /// <summary>The <c>metadata_props</c> key, present only in the graph with preprocessing, that names its input
    /// form (<see cref="PixelsInputForm"/>); the plain graph has no such entry.</summary>
    public const string InputFormKey = "input_form";
    /// <summary>The <see cref="InputFormKey"/> value of the graph with preprocessing.</summary>
    public const string PixelsInputForm = "uint8_pixels";
    /// <summary>What the graph with preprocessing says where the plain graph says <see cref="InputNormalization"/>.
    /// </summary>
    public const string PixelsNormalization =
        "the graph normalises its input itself: uint8 pixels 0..255, channel-planar, become (pixel / 255 - mean) / " +
        "std per channel, as vpdarts predict does";
    /// <summary>Name of the graph's output.</summary>
    public const string OutputName = "logits";
    /// <summary>What the <c>input_normalization</c> metadata entry says.</summary>
    public const string InputNormalization =
        "images are normalised before the model: (pixel / 255 - mean) / std per channel, channel-planar, as " +
        "vpdarts predict does";

    /// <summary>The vpdarts version written into the model.</summary>
    public static string ToolVersion { get; } =
        (typeof(OnnxExport).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? "0.0.0").Split('+')[0];

    /// <summary>The ONNX model of <paramref name="network"/> (in evaluation mode), described by
    /// <paramref name="info"/>, taking input as <paramref name="form"/> says.</summary>
    public static ModelProto Build(DiscreteNetwork network, ModelInfo info,
        OnnxInputForm form = OnnxInputForm.Normalised)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(info);
        if (network.training)
            throw new ArgumentException(
                "the network must be in evaluation mode (batch norm uses its running statistics)", nameof(network));
        var model = new ModelProto
        {
            IrVersion = IrVersion,
            ProducerName = "vpdarts",
            ProducerVersion = ToolVersion,
            Domain = "vpdarts.nb201",
            ModelVersion = 1,
            DocString = $"NAS-Bench-201 network of cell {info.Arch}, C={info.Channels}, N={info.Layers}, trained on " +
                $"{info.Dataset ?? "an unnamed dataset"}",
            Graph = form == OnnxInputForm.Pixels
                ? OnnxGraphWriter.Write(network, info.InputSize, PixelsInputName, OutputName, (info.Mean, info.Std))
                : OnnxGraphWriter.Write(network, info.InputSize, InputName, OutputName),
        };
        if (form == OnnxInputForm.Pixels)
            model.DocString += "; input uint8 pixels, normalised inside the graph";
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = Opset });
        foreach (var (key, value) in MetadataOf(info, form))
            model.MetadataProps.Add(new StringStringEntryProto { Key = key, Value = value });
        return model;
    }

    /// <summary>The file name of <paramref name="form"/> in a model folder.</summary>
    public static string FileNameOf(OnnxInputForm form)
        => form == OnnxInputForm.Pixels ? PreprocessedFileName : FileName;

    /// <summary>The name of the graph's input in <paramref name="form"/>.</summary>
    public static string InputNameOf(OnnxInputForm form)
        => form == OnnxInputForm.Pixels ? PixelsInputName : InputName;

    /// <summary><see cref="Metadata"/> for the plain graph; for the graph with preprocessing, the normalisation entry
    /// says that the graph normalises and <see cref="InputFormKey"/> follows.</summary>
    private static IEnumerable<(string Key, string Value)> MetadataOf(ModelInfo info, OnnxInputForm form)
    {
        if (form == OnnxInputForm.Normalised) return Metadata(info);
        return Metadata(info)
            .Select(e => e.Key == InputNormalizationKey ? (e.Key, PixelsNormalization) : e)
            .Append((InputFormKey, PixelsInputForm));
    }

    /// <summary>
    /// The <c>metadata_props</c> entries of a model described by <paramref name="info"/>: the entries of its
    /// <c>model.json</c> under the same names (<see cref="ModelInfo.Entries"/>; lists are JSON arrays), then
    /// <c>input_normalization</c> and <c>vpdarts_version</c>, which only the ONNX model has.
    /// </summary>
    public static IReadOnlyList<(string Key, string Value)> Metadata(ModelInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        return
        [
            .. info.Entries().Select(e => (e.Key, e.Value)),
            (InputNormalizationKey, InputNormalization),
            (VersionKey, ToolVersion),
        ];
    }

    /// <summary>The metadata key that says how inputs are normalised (ONNX only).</summary>
    public const string InputNormalizationKey = "input_normalization";
    /// <summary>The metadata key of the vpdarts version that wrote the model (ONNX only).</summary>
    public const string VersionKey = "vpdarts_version";

    /// <summary>
    /// Writes the ONNX model of <paramref name="network"/> to <paramref name="path"/> atomically, first removing the
    /// temporaries that killed exports to the same path left (<see cref="AtomicFile.RemoveStaleTemporaries"/>); the
    /// graph takes input as <paramref name="form"/> says.
    /// </summary>
    public static void Write(string path, DiscreteNetwork network, ModelInfo info,
        OnnxInputForm form = OnnxInputForm.Normalised)
    {
        var model = Build(network, info, form);
        AtomicFile.RemoveStaleTemporaries(path);
        AtomicFile.Write(path, stream => model.WriteTo(stream));
    }

    /// <summary>Loads the model folder <paramref name="modelDirectory"/> and writes its <see cref="FileName"/> there;
    /// returns the file's path.</summary>
    /// <exception cref="UserInputException">The folder is not a readable exported model.</exception>
    public static string WriteBeside(string modelDirectory)
    {
        using var model = ModelExport.Load(modelDirectory);
        var path = Path.Combine(model.Directory, FileName);
        Write(path, model.Network, model.Info);
        return path;
    }
}
