namespace VpDarts.Runs;

/// <summary>Reads and writes an <see cref="EdgeOp"/> as the two-number array <c>[edge, op]</c>.</summary>
public sealed class EdgeOpJsonConverter : JsonConverter<EdgeOp>
{
    /// <inheritdoc />
    public override EdgeOp Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartArray) throw new JsonException(EdgeOp.ListProblem);
        var edge = ReadIndex(ref reader);
        var op = ReadIndex(ref reader);
        if (!reader.Read() || reader.TokenType != JsonTokenType.EndArray) throw new JsonException(EdgeOp.ListProblem);
        return new EdgeOp(edge, op);
    }

    private static int ReadIndex(ref Utf8JsonReader reader)
    {
        if (!reader.Read() || reader.TokenType != JsonTokenType.Number || !reader.TryGetInt32(out var index))
            throw new JsonException(EdgeOp.ListProblem);
        return index;
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, EdgeOp value, JsonSerializerOptions options)
    {
        writer.WriteStartArray();
        writer.WriteNumberValue(value.Edge);
        writer.WriteNumberValue(value.Op);
        writer.WriteEndArray();
    }
}
