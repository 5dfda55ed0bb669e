namespace VpDarts.Data;

/// <summary>Moves raw bytes between managed arrays, streams and contiguous CPU tensors.</summary>
internal static class TensorBytes
{
    /// <summary>A new uint8 tensor of the given shape holding a copy of <paramref name="data"/>.</summary>
    public static Tensor FromBytes(ReadOnlySpan<byte> data, long[] shape)
    {
        var expected = shape.Aggregate(1L, (a, b) => a * b);
        if (data.Length != expected)
            throw new ArgumentException($"{data.Length} bytes do not fill shape [{string.Join(", ", shape)}]");
        var tensor = empty(shape, ScalarType.Byte);
        if (expected > 0) data.CopyTo(tensor.bytes);
        return tensor;
    }

    /// <summary>A new uint8 tensor of the given shape filled from <paramref name="stream"/> (exactly its
    /// size).</summary>
    public static Tensor FromStream(Stream stream, long[] shape)
    {
        var tensor = empty(shape, ScalarType.Byte);
        try
        {
            if (tensor.numel() > 0) stream.ReadExactly(tensor.bytes);
            return tensor;
        }
        catch
        {
            tensor.Dispose();
            throw;
        }
    }
}
