using System.Buffers.Binary;
using System.Text.Encodings.Web;

namespace VpDarts.Models;

/// <summary>
/// Writes tensors as a safetensors file laid out for zero-copy readers: an 8-byte little-endian header length, the
/// JSON header padded with spaces so that the data starts at a multiple of 8 bytes, then the raw little-endian data.
/// Tensors are stored by element size (largest first), then by name, so that each one starts at a multiple of its
/// element size; this is the reference writer's layout. An optional <c>__metadata__</c> string map opens the header.
/// </summary>
public static class SafetensorsWriter
{
    /// <summary>The alignment of the data section, from the start of the file.</summary>
    public const int Alignment = 8;

    /// <summary>The header key of the metadata map.</summary>
    public const string MetadataKey = "__metadata__";

    private static readonly Dictionary<ScalarType, (string Name, int Size)> Types = new()
    {
        [ScalarType.Float64] = ("F64", 8), [ScalarType.Float32] = ("F32", 4), [ScalarType.Float16] = ("F16", 2),
        [ScalarType.BFloat16] = ("BF16", 2), [ScalarType.Int64] = ("I64", 8), [ScalarType.Int32] = ("I32", 4),
        [ScalarType.Int16] = ("I16", 2), [ScalarType.Int8] = ("I8", 1), [ScalarType.Byte] = ("U8", 1),
        [ScalarType.Bool] = ("BOOL", 1),
    };

    /// <summary>Writes <paramref name="tensors"/> (CPU, contiguous) and <paramref name="metadata"/> to
    /// <paramref name="stream"/>.</summary>
    public static void Write(Stream stream, IReadOnlyDictionary<string, Tensor> tensors,
        IReadOnlyList<KeyValuePair<string, string>>? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(tensors);
        if (!BitConverter.IsLittleEndian)
            throw new PlatformNotSupportedException("safetensors data is little-endian; this machine is not");
        var ordered = tensors
            .Select(kv => (kv.Key, Tensor: kv.Value, Type: TypeOf(kv.Key, kv.Value)))
            .OrderByDescending(t => t.Type.Size).ThenBy(t => t.Key, StringComparer.Ordinal).ToList();
        var header = Header(ordered.Select(t => (t.Key, t.Tensor, t.Type)).ToList(), metadata);
        var padded = (header.Length + 8 + Alignment - 1) / Alignment * Alignment - 8;
        var prefix = new byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(prefix, (ulong)padded);
        stream.Write(prefix);
        stream.Write(header);
        for (var i = header.Length; i < padded; i++) stream.WriteByte((byte)' ');
        foreach (var (_, tensor, _) in ordered) stream.Write(tensor.bytes);
    }

    private static (string Name, int Size) TypeOf(string name, Tensor tensor)
    {
        if (tensor.device_type != DeviceType.CPU || !tensor.is_contiguous())
            throw new ArgumentException($"tensor '{name}' must be a contiguous CPU tensor", nameof(tensor));
        return Types.TryGetValue(tensor.dtype, out var type)
            ? type
            : throw new ArgumentException($"tensor '{name}' has an element type safetensors lacks ({tensor.dtype})");
    }

    private static byte[] Header(IReadOnlyList<(string Name, Tensor Tensor, (string Name, int Size) Type)> tensors,
        IReadOnlyList<KeyValuePair<string, string>>? metadata)
    {
        using var buffer = new MemoryStream();
        // unescaped '+' and non-ASCII letters, as in model.json
        var options = new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        using (var json = new Utf8JsonWriter(buffer, options))
        {
            json.WriteStartObject();
            if (metadata is { Count: > 0 })
            {
                json.WriteStartObject(MetadataKey);
                foreach (var (key, value) in metadata) json.WriteString(key, value);
                json.WriteEndObject();
            }
            long offset = 0;
            foreach (var (name, tensor, type) in tensors)
            {
                var bytes = tensor.NumberOfElements * type.Size;
                json.WriteStartObject(name);
                json.WriteString("dtype", type.Name);
                json.WriteStartArray("shape");
                foreach (var d in tensor.shape) json.WriteNumberValue(d);
                json.WriteEndArray();
                json.WriteStartArray("data_offsets");
                json.WriteNumberValue(offset);
                json.WriteNumberValue(offset + bytes);
                json.WriteEndArray();
                json.WriteEndObject();
                offset += bytes;
            }
            json.WriteEndObject();
        }
        return buffer.ToArray();
    }
}
