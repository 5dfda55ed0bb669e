using Microsoft.ML.OnnxRuntime;
using static TorchSharp.torch;

namespace VpDarts.Tests.Export;

/// <summary>Runs an exported ONNX file in ONNX Runtime and the TorchSharp network it came from on the same inputs.</summary>
internal static class OnnxRunner
{
    /// <summary>The <c>logits</c> ONNX Runtime computes for <paramref name="images"/> (N×C×H×W, row-major), and their shape.</summary>
    public static (float[] Logits, long[] Shape) Run(string onnxFile, float[] images, long[] shape)
    {
        using var options = new SessionOptions { IntraOpNumThreads = 1, InterOpNumThreads = 1 };
        using var session = new InferenceSession(onnxFile, options);
        using var input = OrtValue.CreateTensorValueFromMemory(images, shape);
        using var runOptions = new RunOptions();
        using var outputs = session.Run(runOptions, [OnnxExport.InputName], [input], [OnnxExport.OutputName]);
        return (outputs[0].GetTensorDataAsSpan<float>().ToArray(), outputs[0].GetTensorTypeAndShape().Shape);
    }

    /// <summary>The model's <c>metadata_props</c> as ONNX Runtime reads them.</summary>
    public static IReadOnlyDictionary<string, string> Metadata(string onnxFile)
    {
        using var session = new InferenceSession(onnxFile);
        return new Dictionary<string, string>(session.ModelMetadata.CustomMetadataMap);
    }

    /// <summary>The evaluation-mode logits of <paramref name="network"/> for the same inputs.</summary>
    public static float[] TorchLogits(DiscreteNetwork network, float[] images, long[] shape)
    {
        network.eval();
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        return network.forward(tensor(images, shape)).data<float>().ToArray();
    }

    /// <summary>max |a − b| / max |b|: the agreement the export must reach (≤ 1e-5).</summary>
    public static double RelativeDifference(float[] actual, float[] expected)
    {
        Assert.Equal(expected.Length, actual.Length);
        var diff = actual.Zip(expected, (a, b) => Math.Abs((double)a - b)).Max();
        var scale = expected.Max(v => Math.Abs((double)v));
        Assert.True(scale > 0, "reference logits are all zero");
        return diff / scale;
    }
}
