using System.Collections;
using System.Text;
using System.Text.RegularExpressions;
using Razorvine.Pickle;

namespace VpDarts.Data;

/// <summary>
/// Lets Razorvine's unpickler rebuild NumPy arrays as written by <c>pickle</c> under Python 2 and 3
/// (<c>numpy.core.multiarray._reconstruct</c> + state, and protocol 5's <c>numpy.core.numeric._frombuffer</c>),
/// plus NumPy scalars. Only the plain numeric dtypes are understood.
/// </summary>
internal static class NumpyPickle
{
    private static readonly object Gate = new();
    private static bool _registered;

    /// <summary>Registers the NumPy constructors with Razorvine (once per process).</summary>
    public static void Register()
    {
        lock (Gate)
        {
            if (_registered) return;
            foreach (var module in new[] { "numpy.core.multiarray", "numpy._core.multiarray" })
            {
                Unpickler.registerConstructor(module, "_reconstruct", new ArrayReconstructor());
                Unpickler.registerConstructor(module, "scalar", new ScalarConstructor());
            }
            foreach (var module in new[] { "numpy.core.numeric", "numpy._core.numeric" })
                Unpickler.registerConstructor(module, "_frombuffer", new FromBufferConstructor());
            Unpickler.registerConstructor("numpy", "dtype", new DtypeConstructor());
            _registered = true;
        }
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
            array.Set(ToShape(args[2]), (NumpyDtype)args[1], AsBytes(args[0]) ?? throw new PickleException("_frombuffer: no buffer"),
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

/// <summary>A NumPy dtype as far as unpickling needs it: kind, item size and byte order.</summary>
internal sealed partial class NumpyDtype
{
    [GeneratedRegex(@"^[<>|=]?[A-Za-z][1-9][0-9]{0,3}$", RegexOptions.CultureInvariant)]
    private static partial Regex Simple();

    /// <summary>A dtype from its string; only a kind letter and an item size (e.g. <c>u1</c>, <c>&lt;f8</c>) are understood.</summary>
    public NumpyDtype(string descr)
    {
        if (!Simple().IsMatch(descr)) throw new PickleException($"unsupported dtype '{descr}'");
        Descr = descr;
    }

    /// <summary>The dtype string, e.g. <c>u1</c> or <c>i8</c>.</summary>
    public string Descr { get; }

    /// <summary>Byte order: '&lt;', '&gt;', '|' or '=' (native).</summary>
    public char ByteOrder { get; private set; } = '=';

    /// <summary>Called by the unpickler with NumPy's dtype state tuple.</summary>
    public void __setstate__(object[] state)
    {
        if (state.Length > 1 && state[1] is string order && order.Length == 1) ByteOrder = order[0];
    }

    /// <summary>Kind character: 'u', 'i', 'b' or 'f'.</summary>
    public char Kind => Descr.TrimStart('<', '>', '|', '=')[0];

    /// <summary>Bytes per item.</summary>
    public int ItemSize => int.Parse(Descr.TrimStart('<', '>', '|', '=')[1..], System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>A NumPy array rebuilt from a pickle: shape, dtype and raw C-order bytes.</summary>
internal sealed class NumpyArray
{
    /// <summary>Array shape.</summary>
    public long[] Shape { get; private set; } = [];

    /// <summary>Element type.</summary>
    public NumpyDtype Dtype { get; private set; } = new("u1");

    /// <summary>Raw element bytes.</summary>
    public byte[] Data { get; private set; } = [];

    /// <summary>Called by the unpickler with NumPy's ndarray state tuple <c>(version, shape, dtype, fortran, data)</c>.</summary>
    public void __setstate__(object[] state)
    {
        var s = state.Length == 5 ? state[1..] : state; // version 1 states carry a leading version number
        if (s.Length != 4) throw new PickleException($"unexpected ndarray state of {state.Length} items");
        if (s[3] is ArrayList) throw new PickleException("object arrays are not supported");
        Set(NumpyPickle.ToShape(s[0]), (NumpyDtype)s[1], NumpyPickle.AsBytes(s[3]) ?? throw new PickleException("ndarray without raw data"),
            s[2] is true or 1);
    }

    internal void Set(long[] shape, NumpyDtype dtype, byte[] data, bool fortran)
    {
        var text = string.Join(", ", shape);
        if (shape.Any(d => d < 0)) throw new PickleException($"ndarray shape ({text}) has a negative dimension");
        long bytes;
        try
        {
            bytes = checked(shape.Aggregate(1L, (a, b) => a * b) * dtype.ItemSize);
        }
        catch (OverflowException)
        {
            throw new PickleException($"ndarray of shape ({text}) and dtype {dtype.Descr} needs more than 2^63 bytes");
        }
        if (bytes != data.Length)
            throw new PickleException($"ndarray of shape ({text}) and dtype {dtype.Descr} needs {bytes} bytes, got {data.Length}");
        if (fortran && shape.Count(d => d > 1) > 1) throw new PickleException("Fortran-ordered arrays are not supported");
        (Shape, Dtype, Data) = (shape, dtype, data);
    }

    /// <summary>Number of elements (at most the number of data bytes, as <see cref="Set"/> checked).</summary>
    public long Count => Data.Length / Dtype.ItemSize;

    /// <summary>The elements as 64-bit integers (integer and boolean dtypes).</summary>
    public long[] ToInt64()
    {
        if (Dtype.Kind is not ('i' or 'u' or 'b')) throw new PickleException($"dtype {Dtype.Descr} cannot be read as integers");
        var size = Dtype.ItemSize;
        var bigEndian = Dtype.ByteOrder == '>' || (Dtype.ByteOrder == '=' && !BitConverter.IsLittleEndian);
        var result = new long[Count];
        var item = new byte[8];
        for (var i = 0; i < result.Length; i++)
        {
            var span = Data.AsSpan(i * size, size);
            Array.Clear(item);
            for (var b = 0; b < size; b++) item[b] = span[bigEndian ? size - 1 - b : b];
            var value = BitConverter.ToInt64(item);
            if (Dtype.Kind == 'i' && size < 8 && (item[size - 1] & 0x80) != 0) value -= 1L << (8 * size); // sign-extend
            result[i] = value;
        }
        return result;
    }
}
