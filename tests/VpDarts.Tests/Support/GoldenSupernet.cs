using TorchSharp;
using VpDarts.Diagnostics;
using static TorchSharp.torch;

namespace VpDarts.Tests.Support;

/// <summary>
/// The supernets of ../shared/reference/golden: PyTorch's outputs for stored NB201 weights, and ours computed the same
/// way (VP and DARTS evaluation, an ablated training pass with frozen statistics, a training pass, its loss and dloss/dα).
/// </summary>
internal static class GoldenSupernet
{
    public static readonly (string Prefix, int InputChannels)[] Cases = [("supernet_N1_C4_rgb32", 3), ("supernet_N1_C4_gray28", 1)];

    public static readonly string[] Outputs =
        ["logits_vp_eval", "logits_darts_eval", "logits_vp_train_without_edge2_op3", "logits_vp_train", "loss_vp_train", "alpha_grad_vp_train"];

    public static Dictionary<string, Tensor> Read(string name) => StateDictFiles.ReadSafetensors(Path.Combine(Shared.Golden, name));

    /// <summary>PyTorch's values of <see cref="Outputs"/> (flattened).</summary>
    public static Dictionary<string, float[]> Expected(string prefix)
    {
        using var scope = NewDisposeScope();
        var expected = Read(prefix + ".expected.safetensors");
        return Outputs.ToDictionary(name => name, name => Host(expected[name]));
    }

    /// <summary>
    /// Our values of <see cref="Outputs"/>, from a freshly loaded network computing in <paramref name="precision"/>
    /// (float32 as in a search, or float64 for a value no summation order can move).
    /// </summary>
    public static Dictionary<string, float[]> Compute(string prefix, int inputChannels, ScalarType precision = ScalarType.Float32)
    {
        using var scope = NewDisposeScope();
        var expected = Read(prefix + ".expected.safetensors");
        using var net = new Supernet(new NetworkShape(4, 1, inputChannels, 10), ArchWeighting.Raw);
        var unexpected = StateDictFiles.CopyInto(net, Read(prefix + ".weights.safetensors"), prefix);
        if (unexpected.Count > 0) throw new InvalidOperationException($"unexpected keys: {string.Join(", ", unexpected)}");
        net.to(precision);
        var input = expected["input"].to(precision);
        var outputs = new Dictionary<string, float[]>();

        net.eval();
        using (no_grad())
        {
            outputs["logits_vp_eval"] = Host(net.Forward(input));
            outputs["logits_darts_eval"] = Host(net.Forward(input, nn.functional.softmax(net.Alpha, -1)));
        }
        net.train();
        using (BatchNormStatistics.Freeze(net))
        using (no_grad())
        {
            using var ablated = AblationPass.WithoutOp(net.Alpha.detach(), 2, 3);
            outputs["logits_vp_train_without_edge2_op3"] = Host(net.Forward(input, ablated));
        }
        var logits = net.Forward(input);
        outputs["logits_vp_train"] = Host(logits);
        var loss = nn.functional.cross_entropy(logits, expected["labels"]);
        outputs["loss_vp_train"] = Host(loss);
        loss.backward();
        outputs["alpha_grad_vp_train"] = Host(net.Alpha.grad!);
        return outputs;
    }

    /// <summary>‖ours − expected‖ / ‖expected‖.</summary>
    public static double RelativeError(float[] expected, float[] actual) => GoldenCheck.RelativeError(expected, actual);

    private static float[] Host(Tensor t)
    {
        using var single = t.detach().to(ScalarType.Float32);
        return GoldenCheck.Host(single);
    }
}
