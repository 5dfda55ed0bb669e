using System.Collections;
using Razorvine.Pickle;

namespace VpDarts.Data;

/// <summary>
/// Lets Razorvine's unpickler rebuild NumPy arrays as written by <c>pickle</c> under Python 2 and 3
/// (<c>numpy.core.multiarray._reconstruct</c> + state, and protocol 5's <c>numpy.core.numeric._frombuffer</c>),
/// plus NumPy scalars. Only the plain numeric dtypes are understood.
/// </summary>
internal static class NumpyPickle
{
    // Razorvine's registry is process-wide: the constructors are added to it once, by the first caller.
    private static readonly Lazy<bool> Registration =
        new(AddConstructors, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Registers the NumPy constructors with Razorvine (once per process).</summary>
    public static void Register() => _ = Registration.Value;

    private static bool AddConstructors()
    {
        foreach (var module in new[] { "numpy.core.multiarray", "numpy._core.multiarray" })
        {
            Unpickler.registerConstructor(module, "_reconstruct", new ArrayReconstructor());
            Unpickler.registerConstructor(module, "scalar", new ScalarConstructor());
        }
        foreach (var module in new[] { "numpy.core.numeric", "numpy._core.numeric" })
            Unpickler.registerConstructor(module, "_frombuffer", new FromBufferConstructor());
        Unpickler.registerConstructor("numpy", "dtype", new DtypeConstructor());
        return true;
    }

    /// <summary>Bytes from a pickled bytes/str value (Python 2 strings arrive as Latin-1 text).</summary>
    public static byte[]? AsBytes(object? value) => value switch
    {
        byte[] b => b,
        string s => Encoding.Latin1.GetBytes(s),
        _ => null,
    };

    private sealed class ArrayReconstructor : IObjectConstructor
    {
        public object construct(object[] args) => new NumpyArray();
    }

    private sealed class FromBufferConstructor : IObjectConstructor
    {
        public object construct(object[] args)
        {
            if (args.Length < 3) throw new PickleException("_frombuffer needs (buffer, dtype, shape[, order])");
            var array = new NumpyArray();
            array.Set(ToShape(args[2]), (NumpyDtype)args[1],
                AsBytes(args[0]) ?? throw new PickleException("_frombuffer: no buffer"),
                args.Length > 3 && args[3] is string order && order == "F");
            return array;
        }
    }

    private sealed class DtypeConstructor : IObjectConstructor
    {
        public object construct(object[] args) => new NumpyDtype((string)args[0]);
    }

    private sealed class ScalarConstructor : IObjectConstructor
    {
        public object construct(object[] args)
        {
            var dtype = (NumpyDtype)args[0];
            var bytes = AsBytes(args[1]) ?? throw new PickleException("numpy scalar without data");
            var array = new NumpyArray();
            array.Set([1], dtype, bytes, false);
            return array.ToInt64()[0];
        }
    }

    internal static long[] ToShape(object value) => value switch
    {
        object[] tuple => tuple.Select(Convert.ToInt64).ToArray(),
        ArrayList list => list.Cast<object>().Select(Convert.ToInt64).ToArray(),
        _ => [Convert.ToInt64(value)],
    };
}
