using System.Reflection;
using Google.Protobuf;
using Onnx;
using VpDarts.Models;
using VpDarts.Runtime;

namespace VpDarts.Export;

/// <summary>
/// Writes a trained network as an ONNX model (<c>model.onnx</c>) for ONNX Runtime and other deployers: input
/// <see cref="InputName"/> float32 [batch, C, H, W] (batch dynamic), already normalised as <c>predict</c> normalises
/// images, output <see cref="OutputName"/> [batch, classes] (logits, before softmax). The arch, dataset, class names,
/// input size, mean, std and vpdarts version are stored in the model's <c>metadata_props</c>. See
/// <see cref="OnnxGraphWriter"/> for how the graph follows the network.
/// </summary>
public static class OnnxExport
{
    /// <summary>File name of the ONNX model in a model folder.</summary>
    public const string FileName = "model.onnx";
    /// <summary>The ONNX operator set the graph uses.</summary>
    public const long Opset = 17;
    /// <summary>The ONNX IR version released with <see cref="Opset"/> (ONNX 1.12).</summary>
    public const long IrVersion = 8;
    /// <summary>Name of the graph's input.</summary>
    public const string InputName = "images";
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
    /// <paramref name="info"/>.</summary>
    public static ModelProto Build(DiscreteNetwork network, ModelInfo info)
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
            Graph = OnnxGraphWriter.Write(network, info.InputSize, InputName, OutputName),
        };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = Opset });
        foreach (var (key, value) in Metadata(info))
            model.MetadataProps.Add(new StringStringEntryProto { Key = key, Value = value });
        return model;
    }

    /// <summary>The <c>metadata_props</c> entries of a model described by <paramref name="info"/>; lists are JSON
    /// arrays.</summary>
    public static IReadOnlyList<(string Key, string Value)> Metadata(ModelInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        static string Numbers(float[] values) => JsonSerializer.Serialize(values);
        return
        [
            ("arch", info.Arch),
            ("dataset", info.Dataset ?? ""),
            ("class_names", JsonSerializer.Serialize(info.ClassNames)),
            ("num_classes", info.Classes.ToString(CultureInfo.InvariantCulture)),
            ("image_size", info.InputSize.ToString(CultureInfo.InvariantCulture)),
            ("input_channels", info.InputChannels.ToString(CultureInfo.InvariantCulture)),
            ("channels", info.Channels.ToString(CultureInfo.InvariantCulture)),
            ("cells_per_stage", info.Layers.ToString(CultureInfo.InvariantCulture)),
            ("mean", Numbers(info.Mean)),
            ("std", Numbers(info.Std)),
            ("input_normalization", InputNormalization),
            ("vpdarts_version", ToolVersion),
        ];
    }

    /// <summary>
    /// Writes the ONNX model of <paramref name="network"/> to <paramref name="path"/> atomically, first removing the
    /// temporaries that killed exports to the same path left (<see cref="AtomicFile.RemoveStaleTemporaries"/>).
    /// </summary>
    public static void Write(string path, DiscreteNetwork network, ModelInfo info)
    {
        var model = Build(network, info);
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

    /// <summary>
    /// The model folder that <paramref name="path"/> names, as <see cref="ModelFolder.Resolve"/> finds it: a model
    /// folder, a train run folder, a search run trained with <c>--then-train</c> or a <c>model.safetensors</c> file.
    /// </summary>
    /// <exception cref="UserInputException">The path is missing or none of these; the message names it.</exception>
    public static string ModelFolderOf(string path) => ModelFolder.Resolve(path, "RUN_DIR");
}
