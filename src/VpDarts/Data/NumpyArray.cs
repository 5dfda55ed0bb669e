using System.Collections;
using Razorvine.Pickle;

namespace VpDarts.Data;

/// <summary>A NumPy array rebuilt from a pickle: shape, dtype and raw C-order bytes.</summary>
internal sealed class NumpyArray
{
    /// <summary>Array shape.</summary>
    public long[] Shape { get; private set; } = [];

    /// <summary>Element type.</summary>
    public NumpyDtype Dtype { get; private set; } = new("u1");

    /// <summary>Raw element bytes.</summary>
    public byte[] Data { get; private set; } = [];

    /// <summary>Called by the unpickler with NumPy's ndarray state tuple
    /// <c>(version, shape, dtype, fortran, data)</c>.</summary>
    public void __setstate__(object[] state)
    {
        var s = state.Length == 5 ? state[1..] : state; // version 1 states carry a leading version number
        if (s.Length != 4) throw new PickleException($"unexpected ndarray state of {state.Length} items");
        if (s[3] is ArrayList) throw new PickleException("object arrays are not supported");
        Set(NumpyPickle.ToShape(s[0]), (NumpyDtype)s[1],
            NumpyPickle.AsBytes(s[3]) ?? throw new PickleException("ndarray without raw data"), s[2] is true or 1);
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
            throw new PickleException(
                $"ndarray of shape ({text}) and dtype {dtype.Descr} needs {bytes} bytes, got {data.Length}");
        if (fortran && shape.Count(d => d > 1) > 1)
            throw new PickleException("Fortran-ordered arrays are not supported");
        (Shape, Dtype, Data) = (shape, dtype, data);
    }

    /// <summary>Number of elements (at most the number of data bytes, as <see cref="Set"/> checked).</summary>
    public long Count => Data.Length / Dtype.ItemSize;

    /// <summary>The elements as 64-bit integers (integer and boolean dtypes).</summary>
    public long[] ToInt64()
    {
        if (Dtype.Kind is not ('i' or 'u' or 'b'))
            throw new PickleException($"dtype {Dtype.Descr} cannot be read as integers");
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
