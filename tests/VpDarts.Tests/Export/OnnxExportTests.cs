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
