namespace VpDarts.Diagnostics;

/// <summary>
/// Compares this machine's supernet outputs and gradients with PyTorch's for the embedded reference: evaluation and
/// training logits, the loss, dloss/dα (the quantity the architecture steps follow) and the stem convolution's weight
/// gradient. Relative error ‖ours − PyTorch‖ / ‖PyTorch‖ must stay within <see cref="Tolerance"/>.
/// </summary>
public static class GoldenCheck
{
    /// <summary>Largest relative error accepted for float32 on CPU.</summary>
    public const double Tolerance = 1e-5;

    /// <summary>Runs the comparison.</summary>
    public static CheckResult Run()
    {
        using var reference = DoctorReference.Load();
        var actual = Compute(reference);
        var errors = actual.ToDictionary(kv => kv.Key, kv => RelativeError(reference.Expected(kv.Key), kv.Value));
        var worst = errors.MaxBy(kv => double.IsNaN(kv.Value) ? double.PositiveInfinity : kv.Value);
        var passed = errors.Values.All(e => e <= Tolerance);
        var detail = passed
            ? "supernet outputs, loss, dloss/dα and conv weight gradient match PyTorch (largest relative error " +
                $"{worst.Value:E1}, {worst.Key})"
            : $"{Describe(worst.Key)} differs from PyTorch by {worst.Value:E2} (tolerance {Tolerance:E0}): this " +
                "machine's kernels compute wrong numbers";
        return new CheckResult("golden", passed, detail);
    }

    /// <summary>Our values for the reference's outputs, computed on a fresh supernet.</summary>
    public static Dictionary<string, float[]> Compute(DoctorReference reference)
    {
        using var scope = NewDisposeScope();
        using var net = reference.NewSupernet();
        var results = new Dictionary<string, float[]>();
        net.eval();
        using (no_grad()) results["logits_eval"] = Host(net.Forward(reference.Input));
        net.train();
        var logits = net.Forward(reference.Input);
        results["logits_train"] = Host(logits);
        var loss = nn.functional.cross_entropy(logits, reference.Labels);
        results["loss"] = Host(loss);
        loss.backward();
        results["alpha_grad"] = Host(net.Alpha.grad!);
        results["stem_conv_grad"] =
            Host(net.named_parameters().Single(p => p.name == "stem.conv.weight").parameter.grad!);
        return results;
    }

    /// <summary>‖actual − expected‖ / ‖expected‖ (infinite when the lengths differ, NaN when a value is).</summary>
    public static double RelativeError(float[] expected, float[] actual)
    {
        if (expected.Length != actual.Length) return double.PositiveInfinity;
        double difference = 0, norm = 0;
        for (var i = 0; i < expected.Length; i++)
        {
            difference += Math.Pow(actual[i] - (double)expected[i], 2);
            norm += Math.Pow(expected[i], 2);
        }
        return Math.Sqrt(difference) / Math.Max(Math.Sqrt(norm), 1e-12);
    }

    private static string Describe(string output) => output switch
    {
        "alpha_grad" => "dloss/dα",
        "stem_conv_grad" => "the conv weight gradient",
        "loss" => "the loss",
        _ => output.Replace('_', ' '),
    };

    /// <summary>A tensor's values on the host, flattened.</summary>
    public static float[] Host(Tensor t)
    {
        using var scope = NewDisposeScope();
        return t.detach().cpu().contiguous().flatten().data<float>().ToArray();
    }
}
