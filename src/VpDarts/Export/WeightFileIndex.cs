using VpDarts.Runtime;

namespace VpDarts.Export;

/// <summary>
/// Lists the tensors of a weight file (name, element type, shape) from its headers alone, checking that every tensor's
/// data lies inside the file, so that a model can be compared with its <c>model.json</c> before any tensor is made.
/// Every problem is one <see cref="UserInputException"/> line naming the file.
/// </summary>
public static class WeightFileIndex
{
    private static readonly Dictionary<string, int> SafetensorsSizes = new(StringComparer.Ordinal)
    {
        ["F64"] = 8, ["F32"] = 4, ["F16"] = 2, ["BF16"] = 2, ["F8_E4M3"] = 1, ["F8_E5M2"] = 1,
        ["I64"] = 8, ["I32"] = 4, ["I16"] = 2, ["I8"] = 1, ["U64"] = 8, ["U32"] = 4, ["U16"] = 2,
        ["U8"] = 1, ["BOOL"] = 1,
    };

    // TorchSharp's ScalarType values and element sizes.
    private static readonly Dictionary<long, (string Name, int Size)> TorchSharpTypes = new()
    {
        [0] = ("Byte", 1), [1] = ("Int8", 1), [2] = ("Int16", 2), [3] = ("Int32", 4), [4] = ("Int64", 8),
        [5] = ("Float16", 2), [6] = ("Float32", 4), [7] = ("Float64", 8), [9] = ("ComplexFloat32", 8),
        [10] = ("ComplexFloat64", 16), [11] = ("Bool", 1), [15] = ("BFloat16", 2),
    };

    private const int MaxNameBytes = 4096;

    /// <summary>
    /// The tensors of a safetensors file: an 8-byte little-endian header length, a JSON header mapping each name to
    /// <c>dtype</c>, <c>shape</c> and <c>data_offsets</c> (relative to the end of the header), then the data. The
    /// header may be padded with spaces and may hold a <c>__metadata__</c> map of strings (files written since the
    /// data is aligned) or neither (older files).
    /// </summary>
    public static IReadOnlyList<StoredTensor> ReadSafetensors(string path)
    {
        using var stream = Open(path);
        var length = stream.Length;
        if (length < 8)
            throw new UserInputException(
                $"{path}: not a safetensors file ({length} bytes, less than its 8-byte header length)");
        Span<byte> prefix = stackalloc byte[8];
        stream.ReadExactly(prefix);
        var headerLength = BitConverter.ToUInt64(prefix);
        if (!BitConverter.IsLittleEndian)
            headerLength = System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(headerLength);
        if (headerLength == 0 || headerLength > (ulong)Math.Min(ModelLimits.MaxSafetensorsHeaderBytes, length - 8))
            throw new UserInputException(
                $"{path}: not a safetensors file (header length {headerLength} in a file of {length} bytes)");
        var header = new byte[headerLength];
        stream.ReadExactly(header);
        var dataLength = length - 8 - (long)headerLength;

        var tensors = new List<StoredTensor>();
        try
        {
            using var document = JsonDocument.Parse(header);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                throw new UserInputException($"{path}: the safetensors header is not a JSON object");
            foreach (var entry in document.RootElement.EnumerateObject())
            {
                if (entry.Name == "__metadata__")
                {
                    CheckMetadata(path, entry.Value);
                    continue;
                }
                var name = entry.Name;
                var value = entry.Value;
                if (value.ValueKind != JsonValueKind.Object
                    || !value.TryGetProperty("dtype", out var dtype) || dtype.ValueKind != JsonValueKind.String
                    || !value.TryGetProperty("shape", out var shapeArray) || shapeArray.ValueKind != JsonValueKind.Array
                    || !value.TryGetProperty("data_offsets", out var offsets)
                    || offsets.ValueKind != JsonValueKind.Array || offsets.GetArrayLength() != 2)
                    throw new UserInputException(
                        $"{path}: tensor '{name}' lacks dtype, shape or data_offsets in the safetensors header");
                var type = dtype.GetString()!;
                if (!SafetensorsSizes.TryGetValue(type, out var size))
                    throw new UserInputException($"{path}: tensor '{name}' has an unknown dtype '{type}'");
                if (shapeArray.GetArrayLength() > ModelLimits.MaxRank)
                    throw new UserInputException($"{path}: tensor '{name}' has {shapeArray.GetArrayLength()} " +
                        $"dimensions, more than {ModelLimits.MaxRank}");
                var shape = shapeArray.EnumerateArray().Select(NonNegative).ToArray();
                var bytes = DataBytes(path, name, shape, size);
                var begin = NonNegative(offsets[0]);
                var end = NonNegative(offsets[1]);
                if (begin < 0 || end < begin)
                    throw new UserInputException(
                        $"{path}: tensor '{name}' has data_offsets [{offsets[0]},{offsets[1]}]");
                if (end > dataLength)
                    throw new UserInputException($"{path}: tensor '{name}' ends at data byte {end}, beyond the end " +
                        $"of the file ({dataLength} bytes of data)");
                if (end - begin != bytes)
                    throw new UserInputException($"{path}: tensor '{name}' has {end - begin} bytes of data, its " +
                        $"shape [{Join(shape)}] of {type} needs {bytes}");
                tensors.Add(new StoredTensor(name, type, shape));
            }
        }
        catch (JsonException e)
        {
            throw new UserInputException($"{path}: the safetensors header is not valid JSON ({OneLine.Of(e)})", e);
        }
        return tensors;
    }

    /// <summary>Refuses a <c>__metadata__</c> entry that is not a map of strings to strings, as the format
    /// requires.</summary>
    private static void CheckMetadata(string path, JsonElement metadata)
    {
        if (metadata.ValueKind != JsonValueKind.Object
            || metadata.EnumerateObject().Any(p => p.Value.ValueKind != JsonValueKind.String))
            throw new UserInputException(
                $"{path}: the safetensors header's __metadata__ is not a map of strings to strings");
    }

    /// <summary>
    /// The tensors of a file written by TorchSharp's <c>Module.save</c>: a LEB128 entry count, then per entry a
    /// length-prefixed UTF-8 name, LEB128 element type, rank and dimensions, and the raw data, which is skipped.
    /// </summary>
    public static IReadOnlyList<StoredTensor> ReadTorchSharp(string path)
    {
        using var stream = Open(path);
        using var reader = new BinaryReader(stream, Encoding.UTF8, leaveOpen: true);
        var length = stream.Length;
        var tensors = new List<StoredTensor>();
        var name = "";
        try
        {
            var count = Leb128(reader, path, "the entry count");
            if (count > length)
                throw new UserInputException(
                    $"{path}: not a TorchSharp model (it claims {count} tensors in {length} bytes)");
            for (long i = 0; i < count; i++)
            {
                name = $"#{i}";
                var nameLength = reader.Read7BitEncodedInt();
                if (nameLength is < 1 or > MaxNameBytes)
                    throw new UserInputException(
                        $"{path}: not a TorchSharp model (tensor {i} has a name of {nameLength} bytes)");
                name = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(reader.ReadBytes(nameLength));
                var typeCode = Leb128(reader, path, $"tensor '{name}'");
                if (!TorchSharpTypes.TryGetValue(typeCode, out var type))
                    throw new UserInputException($"{path}: tensor '{name}' has an unknown element type {typeCode}");
                var rank = Leb128(reader, path, $"tensor '{name}'");
                if (rank > ModelLimits.MaxRank)
                    throw new UserInputException(
                        $"{path}: tensor '{name}' has {rank} dimensions, more than {ModelLimits.MaxRank}");
                var shape = new long[rank];
                for (var d = 0; d < rank; d++) shape[d] = Leb128(reader, path, $"tensor '{name}'");
                var bytes = DataBytes(path, name, shape, type.Size);
                if (bytes > length - stream.Position)
                    throw new UserInputException($"{path}: tensor '{name}' needs {bytes} bytes of data, beyond the " +
                        $"end of the file ({length - stream.Position} bytes left)");
                stream.Seek(bytes, SeekOrigin.Current);
                tensors.Add(new StoredTensor(name, type.Name, shape));
            }
        }
        catch (Exception e) when (e is EndOfStreamException or FormatException or DecoderFallbackException)
        {
            throw new UserInputException(
                $"{path}: not a readable TorchSharp model (it ends or breaks inside tensor '{name}')", e);
        }
        return tensors;
    }

    private static FileStream Open(string path)
    {
        RegularFile.Require(path);
        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UserInputException($"{path}: cannot read ({OneLine.Of(e)})", e);
        }
    }

    /// <summary>The bytes of a tensor's data; refuses negative dimensions and sizes beyond 64 bits.</summary>
    private static long DataBytes(string path, string name, long[] shape, int elementSize)
    {
        if (shape.Any(d => d < 0))
            throw new UserInputException(
                $"{path}: tensor '{name}' has a shape that is not a list of non-negative integers");
        try
        {
            return checked(shape.Aggregate(1L, (a, d) => a * d) * elementSize);
        }
        catch (OverflowException e)
        {
            throw new UserInputException($"{path}: tensor '{name}' has shape [{Join(shape)}], too large to exist", e);
        }
    }

    /// <summary>An unsigned LEB128 number of at most 63 bits, as TorchSharp writes them.</summary>
    private static long Leb128(BinaryReader reader, string path, string where)
    {
        long value = 0;
        for (var shift = 0; shift < 63; shift += 7)
        {
            var b = reader.ReadByte();
            value |= (long)(b & 0x7f) << shift;
            if ((b & 0x80) == 0) return value;
        }
        throw new UserInputException($"{path}: not a TorchSharp model (a number in {where} runs over 63 bits)");
    }

    private static long NonNegative(JsonElement number) =>
        number.ValueKind == JsonValueKind.Number && number.TryGetInt64(out var value) && value >= 0 ? value : -1;

    private static string Join(long[] shape) => string.Join(",", shape);
}
