using System.Text.Json;
using VpDarts.Tests.Data;
using static TorchSharp.torch;

namespace VpDarts.Tests.Export;

/// <summary>The ONNX export run in ONNX Runtime gives the TorchSharp network's evaluation-mode logits.</summary>
public sealed class OnnxExportTests
{
    private const int Size = 16;
    private const int Batch = 5;
    private const double Tolerance = 1e-5;

    /// <summary>Every op kind: none, skip, 1×1 and 3×3 conv, and avg pool on two edges (one fed only by a pool).</summary>
    public const string EveryOp = "|nor_conv_3x3~0|+|none~0|avg_pool_3x3~1|+|skip_connect~0|nor_conv_1x1~1|avg_pool_3x3~2|";

    public static TheoryData<string> Archs() => new()
    {
        EveryOp,
        "|none~0|+|nor_conv_1x1~0|nor_conv_3x3~1|+|none~0|avg_pool_3x3~1|skip_connect~2|",  // a zero node fed into a conv
        "|nor_conv_3x3~0|+|none~0|none~1|+|none~0|none~1|none~2|",                             // every cell outputs zeros
    };

    [Theory]
    [MemberData(nameof(Archs))]
    public void OnnxRuntimeGivesTheNetworksLogits(string arch)
    {
        set_num_threads(1);
        using var dir = new TempDir();
        using var network = new DiscreteNetwork(Genotype.Parse(arch), new NetworkShape(4, 2, 3, 10));
        Perturb(network, seed: 7);
        network.eval();
        var info = ModelInfo.Describe(network, new ModelInput(Size, [0.5f, 0.4f, 0.3f], [0.2f, 0.25f, 0.3f],
            Enumerable.Range(0, 10).Select(c => $"class {c}").ToArray(), "test"));
        var file = dir.In("model.onnx");
        OnnxExport.Write(file, network, info);

        var images = Images(Batch, 3, Size, seed: 3);
        long[] shape = [Batch, 3, Size, Size];
        var (logits, outputShape) = OnnxRunner.Run(file, images, shape);
        Assert.Equal([Batch, 10], outputShape);
        var reference = OnnxRunner.TorchLogits(network, images, shape);
        var difference = OnnxRunner.RelativeDifference(logits, reference);
        Assert.True(difference <= Tolerance, $"max |diff| / max |logit| = {difference:E2}");

        // The batch is dynamic: one image gives the first row.
        var (single, singleShape) = OnnxRunner.Run(file, images[..(3 * Size * Size)], [1, 3, Size, Size]);
        Assert.Equal([1, 10], singleShape);
        Assert.True(OnnxRunner.RelativeDifference(single, reference[..10]) <= Tolerance);
    }

    [Fact]
    public void TheGraphHasTheExpectedNodesAndMetadata()
    {
        set_num_threads(1);
        using var dir = new TempDir();
        using var network = new DiscreteNetwork(Genotype.Parse(EveryOp), new NetworkShape(4, 2, 3, 10));
        network.eval();
        var names = Enumerable.Range(0, 10).Select(c => $"class \"{c}\"").ToArray();
        var info = ModelInfo.Describe(network, new ModelInput(Size, [0.5f, 0.4f, 0.3f], [0.2f, 0.25f, 0.3f], names, "cifar10"));
        var model = OnnxExport.Build(network, info);

        Assert.Equal(OnnxExport.IrVersion, model.IrVersion);
        Assert.Equal(OnnxExport.Opset, Assert.Single(model.OpsetImport).Version);
        var ops = model.Graph.Node.GroupBy(n => n.OpType).ToDictionary(g => g.Key, g => g.Count());
        // 1 stem + 6 cells × 2 convs + 2 reductions × (2 + 1 shortcut) convs; BN folded, no Mul for the none edge.
        Assert.Equal(1 + 6 * 2 + 2 * 3, ops["Conv"]);
        Assert.Equal(6 * 2 + 2, ops["AveragePool"]);
        Assert.Equal(1, ops["BatchNormalization"]);
        Assert.DoesNotContain("Mul", ops.Keys);
        var initializers = model.Graph.Initializer.Select(t => t.Name).ToHashSet();
        Assert.Contains("stem.conv.bn_folded.weight", initializers);
        Assert.Contains("cells.2.downsample.conv.weight", initializers);  // the shortcut conv has no batch norm to fold
        Assert.DoesNotContain("stem.conv.weight", initializers);
        var cellPools = model.Graph.Node.Where(n => n.OpType == "AveragePool" && n.Name.Contains(".edges.")).ToList();
        Assert.All(cellPools, n => Assert.Equal(0, n.Attribute.Single(a => a.Name == "count_include_pad").I));
        var input = Assert.Single(model.Graph.Input);
        Assert.Equal(OnnxExport.InputName, input.Name);
        Assert.Equal("batch", input.Type.TensorType.Shape.Dim[0].DimParam);
        Assert.Equal(OnnxExport.OutputName, Assert.Single(model.Graph.Output).Name);

        var file = dir.In("model.onnx");
        OnnxExport.Write(file, network, info);
        var metadata = OnnxRunner.Metadata(file);
        Assert.Equal(EveryOp, metadata["arch"]);
        Assert.Equal("cifar10", metadata["dataset"]);
        Assert.Equal(names, JsonSerializer.Deserialize<string[]>(metadata["class_names"])!);
        Assert.Equal("16", metadata["input_size"]);  // model.json's name; image_size only when trained with --image-size
        Assert.Equal([0.2f, 0.25f, 0.3f], JsonSerializer.Deserialize<float[]>(metadata["std"])!);
        Assert.Equal(OnnxExport.ToolVersion, metadata["vpdarts_version"]);
        Assert.Contains("normalised", metadata["input_normalization"]);
        Assert.Empty(Directory.GetFiles(dir.Path, "*.tmp", SearchOption.AllDirectories).Concat(Directory.GetFiles(dir.Path, ".*")));
    }

    [Theory]
    [InlineData(3)]
    [InlineData(1)]
    public void ThePreprocessingGraphTakesUint8PixelsAndGivesTheLogitsOfTheirNormalisedValues(int channels)
    {
        set_num_threads(1);
        using var dir = new TempDir();
        using var network = new DiscreteNetwork(Genotype.Parse(EveryOp), new NetworkShape(4, 2, channels, 10));
        Perturb(network, seed: 11);
        network.eval();
        float[] mean = channels == 3 ? [0.49f, 0.48f, 0.45f] : [0.47f];
        float[] std = channels == 3 ? [0.25f, 0.24f, 0.26f] : [0.21f];
        var info = ModelInfo.Describe(network, new ModelInput(Size, mean, std,
            Enumerable.Range(0, 10).Select(c => $"class {c}").ToArray(), "test"));
        var file = dir.In(OnnxExport.PreprocessedFileName);
        OnnxExport.Write(file, network, info, OnnxInputForm.Pixels);

        // Every byte value, 0 and 255 included, in every channel.
        var random = new Random(5);
        var pixels = Enumerable.Range(0, Batch * channels * Size * Size)
            .Select(i => i < 256 ? (byte)i : (byte)random.Next(256)).ToArray();
        long[] shape = [Batch, channels, Size, Size];
        var (logits, outputShape) = OnnxRunner.RunPixels(file, pixels, shape);
        Assert.Equal([Batch, 10], outputShape);
        var plane = Size * Size;
        var normalised = pixels.Select((p, i) => (p / 255f - mean[i / plane % channels]) / std[i / plane % channels])
            .ToArray();
        var reference = OnnxRunner.TorchLogits(network, normalised, shape);
        var difference = OnnxRunner.RelativeDifference(logits, reference);
        Assert.True(difference <= Tolerance, $"max |diff| / max |logit| = {difference:E2}");
    }

    [Fact]
    public void ThePreprocessingGraphIsThePlainGraphAfterCastScaleAndShiftAndSaysSo()
    {
        set_num_threads(1);
        using var network = new DiscreteNetwork(Genotype.Parse(EveryOp), new NetworkShape(4, 2, 3, 10));
        network.eval();
        var info = ModelInfo.Describe(network, new ModelInput(Size, [0.5f, 0.4f, 0.3f], [0.2f, 0.25f, 0.3f],
            Enumerable.Range(0, 10).Select(c => $"class {c}").ToArray(), "cifar10"));
        var plain = OnnxExport.Build(network, info);
        var pixels = OnnxExport.Build(network, info, OnnxInputForm.Pixels);

        var input = Assert.Single(pixels.Graph.Input);
        Assert.Equal(OnnxExport.PixelsInputName, input.Name);
        Assert.Equal((int)Onnx.TensorProto.Types.DataType.Uint8, input.Type.TensorType.ElemType);
        Assert.Equal("batch", input.Type.TensorType.Shape.Dim[0].DimParam);
        Assert.Equal([3L, Size, Size], input.Type.TensorType.Shape.Dim.Skip(1).Select(d => d.DimValue));
        Assert.Equal(Assert.Single(plain.Graph.Output), Assert.Single(pixels.Graph.Output));
        Assert.Equal(["Cast", "Mul", "Add"], pixels.Graph.Node.Take(3).Select(n => n.OpType));
        Assert.Equal(OnnxExport.PixelsInputName, Assert.Single(pixels.Graph.Node[0].Input));
        // 1 / (255·std) and −mean / std per channel, shaped [1, C, 1, 1].
        var scale = pixels.Graph.Initializer.Single(t => t.Name == "preprocess.scale.value");
        Assert.Equal([1L, 3, 1, 1], scale.Dims);
        Assert.Equal([1f / (255f * 0.2f), 1f / (255f * 0.25f), 1f / (255f * 0.3f)], Floats(scale));
        var shift = pixels.Graph.Initializer.Single(t => t.Name == "preprocess.shift.value");
        Assert.Equal([-0.5f / 0.2f, -0.4f / 0.25f, -0.3f / 0.3f], Floats(shift));

        // After those three nodes, the same network nodes and weights as the plain graph, fed by the shift's output.
        var rest = pixels.Graph.Node.Skip(3).ToList();
        Assert.Equal(plain.Graph.Node.Count, rest.Count);
        for (var i = 0; i < rest.Count; i++)
        {
            var expected = plain.Graph.Node[i].Clone();
            for (var j = 0; j < expected.Input.Count; j++)
                if (expected.Input[j] == OnnxExport.InputName) expected.Input[j] = pixels.Graph.Node[2].Output[0];
            Assert.Equal(expected, rest[i]);
        }
        Assert.Equal(plain.Graph.Initializer, pixels.Graph.Initializer.Where(t => !t.Name.StartsWith("preprocess.")));

        // The plain graph names no input form; the one with preprocessing does, and says that it normalises.
        var plainMetadata = plain.MetadataProps.ToDictionary(e => e.Key, e => e.Value);
        var pixelsMetadata = pixels.MetadataProps.ToDictionary(e => e.Key, e => e.Value);
        Assert.DoesNotContain(OnnxExport.InputFormKey, plainMetadata.Keys);
        Assert.Equal(OnnxExport.PixelsInputForm, pixelsMetadata[OnnxExport.InputFormKey]);
        Assert.Contains(OnnxExport.InputNormalization, plainMetadata.Values);
        Assert.DoesNotContain(OnnxExport.InputNormalization, pixelsMetadata.Values);
        Assert.Contains(OnnxExport.PixelsNormalization, pixelsMetadata.Values);
        Assert.Equal(plainMetadata.Count + 1, pixelsMetadata.Count);
        Assert.All(plainMetadata.Where(e => e.Value != OnnxExport.InputNormalization),
            e => Assert.Equal(e.Value, pixelsMetadata[e.Key]));
    }

    private static float[] Floats(Onnx.TensorProto tensor)
        => System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(tensor.RawData.Span).ToArray();

    /// <summary>Gives every batch norm statistics and affine values far from their initial ones, so that folding them matters.</summary>
    internal static void Perturb(DiscreteNetwork network, int seed)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var generator = new Generator((ulong)seed);
        foreach (var norm in network.modules().OfType<BatchNorm>())
        {
            var channels = norm.running_mean.shape[0];
            norm.running_mean.copy_(randn(channels, generator: generator).mul_(0.3));
            norm.running_var.copy_(rand(channels, generator: generator).add_(0.5));
            norm.weight?.copy_(randn(channels, generator: generator).mul_(0.3).add_(1.0));
            norm.bias?.copy_(randn(channels, generator: generator).mul_(0.2));
        }
    }

    /// <summary>Deterministic normal images of the given shape.</summary>
    internal static float[] Images(int batch, int channels, int size, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, batch * channels * size * size).Select(_ => (float)(random.NextDouble() * 4 - 2)).ToArray();
    }
}
