using System.Runtime.InteropServices;
using Google.Protobuf;
using Onnx;
using VpDarts.Models;
using VpDarts.SearchSpace;
using BatchNorm = VpDarts.Models.BatchNorm;
using Identity = VpDarts.Models.Identity;
using OnnxDataType = Onnx.TensorProto.Types.DataType;
using OnnxAttributeType = Onnx.AttributeProto.Types.AttributeType;

namespace VpDarts.Export;

/// <summary>
/// Writes the ONNX graph of an evaluation-mode <see cref="DiscreteNetwork"/> by walking its registered modules:
/// the stem, every cell and reduction block, <c>lastact</c> and the classifier. Every conv → BN pair becomes one
/// <c>Conv</c> with the BN folded into its weights and bias; <c>lastact</c>'s BN, which follows an addition, stays a
/// <c>BatchNormalization</c> node. Edges that are <c>none</c> are left out, as the network's own forward leaves them
/// out. Nodes and initialisers are named after the module paths of the state dict (<c>cells.3.edges.2.conv</c>); a conv
/// with its batch norm folded in holds <c>….conv.bn_folded.weight</c> and <c>….conv.bn_folded.bias</c>.
/// </summary>
internal sealed class OnnxGraphWriter
{
    /// <summary>The batch-norm epsilon of <see cref="BatchNorm"/> (PyTorch's default).</summary>
    private const double BatchNormEpsilon = 1e-5;

    private readonly GraphProto _graph;
    private readonly Dictionary<string, int> _outputsOf = new(StringComparer.Ordinal);

    private OnnxGraphWriter(string name) => _graph = new GraphProto { Name = name };

    /// <summary>The graph of <paramref name="network"/>, with input <paramref name="inputName"/> [batch, C, H, W] and
    /// output <paramref name="outputName"/> [batch, classes]. With <paramref name="normalisation"/> the input is uint8
    /// pixels that the graph first normalises (<see cref="Preprocess"/>); without it, float32 values normalised
    /// already.</summary>
    public static GraphProto Write(DiscreteNetwork network, int inputSize, string inputName, string outputName,
        (float[] Mean, float[] Std)? normalisation = null)
    {
        var writer = new OnnxGraphWriter("vpdarts_nb201");
        var shape = network.Shape;
        var type = normalisation is null ? OnnxDataType.Float : OnnxDataType.Uint8;
        writer._graph.Input.Add(Value(inputName, type, "batch", shape.InputChannels, inputSize, inputSize));
        writer._graph.Output.Add(Value(outputName, OnnxDataType.Float, "batch", shape.Classes));
        var features = normalisation is { } n ? writer.Preprocess(inputName, n.Mean, n.Std) : inputName;
        using (no_grad())
            writer.WriteNetwork(network, features, outputName);
        return writer._graph;
    }

    /// <summary>
    /// uint8 pixels to the network's input: <c>Cast</c> to float, then <c>Mul</c> by 1 / (255·std[c]) and <c>Add</c>
    /// −mean[c] / std[c] per channel, the very float operations with which <c>predict</c> and training normalise, so
    /// that the graph sees the values they do: (pixel / 255 − mean[c]) / std[c].
    /// </summary>
    private string Preprocess(string pixels, float[] mean, float[] std)
    {
        var channels = mean.Length;
        var scale = new double[channels];
        var shift = new double[channels];
        for (var c = 0; c < channels; c++)
        {
            scale[c] = 1f / (255f * std[c]);
            shift[c] = -mean[c] / std[c];
        }
        var values = Node("Cast", "preprocess.cast", [pixels], Int("to", (long)OnnxDataType.Float));
        var scaled = Node("Mul", "preprocess.scale",
            [values, Initializer("preprocess.scale.value", [1, channels, 1, 1], scale)]);
        return Node("Add", "preprocess.shift",
            [scaled, Initializer("preprocess.shift.value", [1, channels, 1, 1], shift)]);
    }

    private void WriteNetwork(DiscreteNetwork network, string input, string output)
    {
        var stem = Child<Stem>(network, "stem");
        var features = ConvBn(input, Child<Conv2d>(stem, "conv"), Child<BatchNorm>(stem, "bn"), "stem");
        foreach (var (index, block) in Child<nn.Module>(network, "cells").named_children())
        {
            var path = $"cells.{index}";
            features = block switch
            {
                ResNetBasicBlock reduction => Reduction(features, reduction, path),
                DiscreteCell cell => Cell(features, cell, network.Genotype, path),
                _ => throw new InvalidOperationException($"{path}: a {block.GetType().Name} has no ONNX form"),
            };
        }
        var lastact = Child<LastAct>(network, "lastact");
        var normalised = BatchNormalization(features, Child<BatchNorm>(lastact, "bn"), "lastact.bn");
        var activated = Node("Relu", "lastact.relu", [normalised]);
        var pooled = Node("GlobalAveragePool", "pool", [activated]);
        var flat = Node("Flatten", "flatten", [pooled], Int("axis", 1));
        var classifier = Child<Linear>(network, "classifier");
        var weight = Initializer("classifier.weight", classifier.weight!);
        var bias = Initializer("classifier.bias", classifier.bias!);
        Node("Gemm", "classifier", [flat, weight, bias], output, Int("transB", 1));
    }

    /// <summary>One cell: each node is the sum of its incoming edges in edge order; a node with no edge is
    /// zero.</summary>
    private string Cell(string input, DiscreteCell cell, Genotype genotype, string path)
    {
        var edges = Child<nn.Module>(cell, "edges").named_children().Select(c => c.module).ToArray();
        var nodes = new string?[CellTopology.NodeCount];  // null: the node is all zeros
        nodes[0] = input;
        for (var to = 1; to < CellTopology.NodeCount; to++)
        {
            string? sum = null;
            for (var from = 0; from < to; from++)
            {
                var edge = CellTopology.EdgeIndex(to, from);
                if (genotype[edge] == Operation.None) continue;
                var edgePath = $"{path}.edges.{edge}";
                var output = Edge(edges[edge], nodes[from], input, edgePath);
                if (output is null) continue;
                sum = sum is null ? output : Node("Add", $"{path}.node{to}", [sum, output]);
            }
            nodes[to] = sum;
        }
        return nodes[^1] ?? Zeros(input, $"{path}.zeros");
    }

    /// <summary>One edge's output, or null when it is all zeros (skip or pooling of a zero node).</summary>
    private string? Edge(nn.Module edge, string? source, string cellInput, string path) => edge switch
    {
        Identity => source,
        AvgPool3x3 => source is null ? null : Node("AveragePool", path, [source],
            Ints("kernel_shape", 3, 3), Ints("strides", 1, 1), Ints("pads", 1, 1, 1, 1), Int("count_include_pad", 0)),
        ReluConvBn block => ReluConvBn(source ?? Zeros(cellInput, $"{path}.zeros"), block, path),
        _ => throw new InvalidOperationException($"{path}: a {edge.GetType().Name} edge has no ONNX form"),
    };

    /// <summary>ResNet basic block: ReLU-conv-BN (stride 2), ReLU-conv-BN, plus 2×2 average pooling then 1×1
    /// conv.</summary>
    private string Reduction(string input, ResNetBasicBlock block, string path)
    {
        var a = ReluConvBn(input, Child<ReluConvBn>(block, "conv_a"), $"{path}.conv_a");
        var b = ReluConvBn(a, Child<ReluConvBn>(block, "conv_b"), $"{path}.conv_b");
        var downsample = Child<nn.Module>(block, "downsample");
        var pooled =
            Node("AveragePool", $"{path}.downsample.pool", [input], Ints("kernel_shape", 2, 2), Ints("strides", 2, 2));
        var shortcut = Conv(pooled, Child<Conv2d>(downsample, "conv"), null, $"{path}.downsample.conv");
        return Node("Add", $"{path}.add", [b, shortcut]);
    }

    private string ReluConvBn(string input, ReluConvBn block, string path)
    {
        var relu = Node("Relu", $"{path}.relu", [input]);
        return ConvBn(relu, block.Conv, block.Norm, path);
    }

    private string ConvBn(string input, Conv2d conv, BatchNorm norm, string path)
        => Conv(input, conv, norm, $"{path}.conv");

    /// <summary>A convolution with <paramref name="norm"/> (if any) folded in: W·s and β − μ·s per output channel, s =
    /// γ / √(σ² + ε).</summary>
    private string Conv(string input, Conv2d conv, BatchNorm? norm, string path)
    {
        var weightShape = conv.weight!.shape;
        var weights = Doubles(conv.weight!);
        var outChannels = (int)weightShape[0];
        var perChannel = weights.Length / outChannels;
        var bias = conv.bias is null ? new double[outChannels] : Doubles(conv.bias);
        if (norm is not null)
        {
            var (scale, shift) = ScaleAndShift(norm);
            for (var c = 0; c < outChannels; c++)
            {
                for (var i = 0; i < perChannel; i++) weights[c * perChannel + i] *= scale[c];
                bias[c] = bias[c] * scale[c] + shift[c];
            }
        }
        // Folded values get their own names: under the state dict's names they would pass for the unfolded tensors.
        var prefix = norm is null ? path : $"{path}.bn_folded";
        var inputs = new List<string> { input, Initializer($"{prefix}.weight", weightShape, weights) };
        if (norm is not null || conv.bias is not null) inputs.Add(Initializer($"{prefix}.bias", [outChannels], bias));
        var padding = conv.padding
            ?? throw new InvalidOperationException($"{path}: only explicit padding has an ONNX form");
        return Node("Conv", path, inputs,
            Ints("kernel_shape", conv.kernel_size), Ints("strides", conv.stride), Ints("dilations", conv.dilation),
            Ints("pads", [.. padding, .. padding]), Int("group", conv.groups));
    }

    /// <summary>Evaluation-mode batch norm as y = x·scale + shift per channel.</summary>
    private static (double[] Scale, double[] Shift) ScaleAndShift(BatchNorm norm)
    {
        var mean = Doubles(norm.running_mean);
        var variance = Doubles(norm.running_var);
        var gamma = norm.weight is null ? null : Doubles(norm.weight);
        var beta = norm.bias is null ? null : Doubles(norm.bias);
        var scale = new double[mean.Length];
        var shift = new double[mean.Length];
        for (var c = 0; c < mean.Length; c++)
        {
            scale[c] = (gamma?[c] ?? 1.0) / Math.Sqrt(variance[c] + BatchNormEpsilon);
            shift[c] = (beta?[c] ?? 0.0) - mean[c] * scale[c];
        }
        return (scale, shift);
    }

    private string BatchNormalization(string input, BatchNorm norm, string path)
    {
        var channels = norm.running_mean.shape[0];
        var gamma = norm.weight is null ? Enumerable.Repeat(1.0, (int)channels).ToArray() : Doubles(norm.weight);
        var beta = norm.bias is null ? new double[channels] : Doubles(norm.bias);
        return Node("BatchNormalization", path,
            [input, Initializer($"{path}.weight", [channels], gamma), Initializer($"{path}.bias", [channels], beta),
             Initializer($"{path}.running_mean", norm.running_mean),
             Initializer($"{path}.running_var", norm.running_var)],
            Float("epsilon", (float)BatchNormEpsilon));
    }

    /// <summary>Zeros shaped like <paramref name="like"/> (a node that no edge feeds, as <c>zeros_like</c> in the
    /// network).</summary>
    private string Zeros(string like, string path)
    {
        var shape = Node("Shape", $"{path}.shape", [like]);
        var zero = new TensorProto
        {
            Name = $"{path}.value", DataType = (int)OnnxDataType.Float, Dims = { 1 }, FloatData = { 0f }
        };
        var attribute = new AttributeProto { Name = "value", Type = OnnxAttributeType.Tensor, T = zero };
        return Node("ConstantOfShape", path, [shape], attribute);
    }

    private string Node(string op, string path, IReadOnlyList<string> inputs, params AttributeProto[] attributes)
    {
        var output = UniqueOutput(path);
        return Node(op, output, inputs, output, attributes);
    }

    private string Node(string op, string name, IReadOnlyList<string> inputs, string output,
        params AttributeProto[] attributes)
    {
        var node = new NodeProto { OpType = op, Name = name, Output = { output } };
        node.Input.AddRange(inputs);
        node.Attribute.AddRange(attributes);
        _graph.Node.Add(node);
        return output;
    }

    /// <summary>The name of a node at <paramref name="path"/> and of its output; a path repeats when a cell node sums
    /// several edges.</summary>
    private string UniqueOutput(string path)
    {
        var count = _outputsOf.GetValueOrDefault(path);
        _outputsOf[path] = count + 1;
        return count == 0 ? path : $"{path}_{count}";
    }

    private string Initializer(string name, Tensor values) => Initializer(name, values.shape, Doubles(values));

    private string Initializer(string name, long[] shape, double[] values)
    {
        var floats = new float[values.Length];
        for (var i = 0; i < values.Length; i++) floats[i] = (float)values[i];
        var tensor = new TensorProto
        {
            Name = name, DataType = (int)OnnxDataType.Float,
            RawData = ByteString.CopyFrom(MemoryMarshal.AsBytes(floats.AsSpan()))
        };
        tensor.Dims.AddRange(shape);
        _graph.Initializer.Add(tensor);
        return name;
    }

    private static double[] Doubles(Tensor values)
    {
        using var scope = NewDisposeScope();
        return values.detach().cpu().to_type(ScalarType.Float64).contiguous().data<double>().ToArray();
    }

    private static T Child<T>(nn.Module parent, string name) where T : nn.Module =>
        parent.named_children().FirstOrDefault(c => c.name == name).module as T
        ?? throw new InvalidOperationException($"{parent.GetName()}: no {typeof(T).Name} named '{name}' to export");

    private static ValueInfoProto Value(string name, OnnxDataType elementType, string batchName,
        params long[] dims)
    {
        var shape = new TensorShapeProto();
        shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimParam = batchName });
        foreach (var d in dims) shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimValue = d });
        var type = new TypeProto
        {
            TensorType = new TypeProto.Types.Tensor { ElemType = (int)elementType, Shape = shape }
        };
        return new ValueInfoProto { Name = name, Type = type };
    }

    private static AttributeProto Int(string name, long value)
        => new() { Name = name, Type = OnnxAttributeType.Int, I = value };

    private static AttributeProto Float(string name, float value)
        => new() { Name = name, Type = OnnxAttributeType.Float, F = value };

    private static AttributeProto Ints(string name, params long[] values)
    {
        var attribute = new AttributeProto { Name = name, Type = OnnxAttributeType.Ints };
        attribute.Ints.AddRange(values);
        return attribute;
    }
}
