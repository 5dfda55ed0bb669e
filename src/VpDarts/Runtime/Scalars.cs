namespace VpDarts.Runtime;

/// <summary>
/// The scalar constants torch calls take, made once and kept for the life of the process.
/// </summary>
/// <remarks>
/// TorchSharp 0.107 turns a plain number passed where a <see cref="Scalar"/> is expected (and <c>add_(t)</c>,
/// <c>a + b</c>, <c>arange(n)</c> internally) into a new native scalar that nothing owns: the handle goes to libtorch
/// and the managed object is garbage at once. A collection during the call then lets the GC's finalizer thread free
/// the scalar while libtorch still reads it (docs/RELIABILITY.md, "The finalizer race"). So constants live here and
/// any other value is made with <c>using var s = value.ToScalar();</c> around its calls; a test scans the compiled
/// code for implicit conversions.
/// </remarks>
public static class Scalars
{
    /// <summary>1 (integral, so it also serves integer tensors).</summary>
    public static readonly Scalar One = 1.ToScalar();

    /// <summary>0.</summary>
    public static readonly Scalar Zero = 0.ToScalar();

    /// <summary>−1.</summary>
    public static readonly Scalar MinusOne = (-1).ToScalar();
}
