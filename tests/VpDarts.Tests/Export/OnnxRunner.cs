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

    /// <summary>The <c>logits</c> ONNX Runtime computes for uint8 <paramref name="pixels"/> (N×C×H×W, row-major) fed to
    /// the graph with preprocessing, and their shape.</summary>
    public static (float[] Logits, long[] Shape) RunPixels(string onnxFile, byte[] pixels, long[] shape)
    {
        using var options = new SessionOptions { IntraOpNumThreads = 1, InterOpNumThreads = 1 };
        using var session = new InferenceSession(onnxFile, options);
        Assert.Equal([OnnxExport.PixelsInputName], session.InputNames);
        using var input = OrtValue.CreateTensorValueFromMemory(pixels, shape);
        using var runOptions = new RunOptions();
        using var outputs = session.Run(runOptions, [OnnxExport.PixelsInputName], [input], [OnnxExport.OutputName]);
        return (outputs[0].GetTensorDataAsSpan<float>().ToArray(), outputs[0].GetTensorTypeAndShape().Shape);
    }

    /// <summary>Softmax of each row of <paramref name="logits"/> (<paramref name="classes"/> per row).</summary>
    public static double[] Softmax(float[] logits, int classes)
    {
        var result = new double[logits.Length];
        for (var row = 0; row < logits.Length / classes; row++)
        {
            var span = logits.AsSpan(row * classes, classes);
            double max = span[0];
            foreach (var v in span) max = Math.Max(max, v);
            double sum = 0;
            for (var c = 0; c < classes; c++) sum += result[row * classes + c] = Math.Exp(span[c] - max);
            for (var c = 0; c < classes; c++) result[row * classes + c] /= sum;
        }
        return result;
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
