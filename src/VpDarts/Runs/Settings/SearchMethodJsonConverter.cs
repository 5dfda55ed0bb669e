namespace VpDarts.Runs;

/// <summary>Reads and writes a <see cref="SearchMethod"/> as its name (<c>"vp-darts"</c>).</summary>
public sealed class SearchMethodJsonConverter : JsonConverter<SearchMethod>
{
    /// <inheritdoc />
    public override SearchMethod Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
            throw new JsonException("a method is a name such as \"vp-darts\"");
        var text = reader.GetString()!;
        return SearchMethod.Find(text) ?? throw new JsonException(SearchMethod.Unknown(text));
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, SearchMethod value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.Name);
}
