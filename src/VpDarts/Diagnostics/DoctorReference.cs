using TorchSharp.PyBridge;
using VpDarts.Models;

namespace VpDarts.Diagnostics;

/// <summary>
/// The embedded reference of <c>vpdarts doctor</c> (written by tools/make-doctor-golden.py with PyTorch): a C=4, N=1
/// supernet's weights, a 6×3×16×16 input with labels, and PyTorch's outputs and gradients for them. The input keeps
/// every ReLU input of a training pass at least 1e-4 from zero, a hundred times float32's rounding here, so another
/// summation order cannot move a gradient across a ReLU's kink.
/// </summary>
public sealed class DoctorReference : IDisposable
{
    private const string Resource = "VpDarts.Diagnostics.doctor-golden.safetensors";
    private readonly Dictionary<string, Tensor> _tensors;

    private DoctorReference()
    {
        using var stream = typeof(DoctorReference).Assembly.GetManifestResourceStream(Resource)
            ?? throw new InvalidOperationException($"resource {Resource} is missing from the assembly");
        using var scope = NewDisposeScope();
        _tensors = Safetensors.LoadStateDict(stream);
        foreach (var tensor in _tensors.Values) tensor.DetachFromDisposeScope();  // owned by this object from here on
    }

    /// <summary>Loads the reference.</summary>
    public static DoctorReference Load() => new();

    /// <summary>The input images.</summary>
    public Tensor Input => _tensors["x.input"];

    /// <summary>The labels of <see cref="Input"/>.</summary>
    public Tensor Labels => _tensors["x.labels"];

    /// <summary>PyTorch's result named <paramref name="name"/> (<c>logits_train</c>, <c>logits_eval</c>, <c>loss</c>,
    /// <c>alpha_grad</c>, <c>stem_conv_grad</c>).</summary>
    public float[] Expected(string name)
    {
        using var scope = NewDisposeScope();
        return _tensors["y." + name].contiguous().flatten().data<float>().ToArray();
    }

    /// <summary>A fresh supernet holding the reference weights.</summary>
    public Supernet NewSupernet()
    {
        var net = new Supernet(new NetworkShape(4, 1, 3, 10), ArchWeighting.Raw);
        var weights = _tensors.Where(kv => kv.Key.StartsWith("w.", StringComparison.Ordinal))
            .ToDictionary(kv => kv.Key[2..], kv => kv.Value);
        var unexpected = StateDictFiles.CopyInto(net, weights, Resource);
        if (unexpected.Count > 0) throw new InvalidOperationException($"{Resource}: unexpected tensor {unexpected[0]}");
        return net;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var tensor in _tensors.Values) tensor.Dispose();
    }
}
