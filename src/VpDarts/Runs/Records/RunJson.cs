using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;

namespace VpDarts.Runs;

/// <summary>
/// Reads the JSON of run files into their records (<see cref="RunJsonContext"/>). Whatever is wrong becomes one line
/// naming the key: not JSON, not an object, a required key missing, a value of the wrong type, or a rule of an
/// <see cref="ICheckedRecord"/> broken. Keys a record does not know are ignored, so files of other versions still read.
/// </summary>
public static class RunJson
{
    /// <summary>The key of a record property in the files: its name in snake_case.</summary>
    public static string Key(string propertyName) => JsonNamingPolicy.SnakeCaseLower.ConvertName(propertyName);

    /// <summary>Reads a <typeparamref name="T"/>; throws a <see cref="UserInputException"/> that starts with
    /// <paramref name="where"/>.</summary>
    public static T Parse<T>(string text, string where) where T : class =>
        TryParse<T>(text, out var value) is { } problem ? throw new UserInputException($"{where}: {problem}") : value!;

    /// <summary>Reads a <typeparamref name="T"/> into <paramref name="value"/>; returns what is wrong (null when
    /// nothing is).</summary>
    public static string? TryParse<T>(string text, out T? value) where T : class
    {
        value = null;
        JsonDocument document;
        try { document = JsonDocument.Parse(text); }
        catch (JsonException e) { return NotValid(text, e); }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return $"not a JSON object ({Excerpt(root)})";
            var info = (JsonTypeInfo<T>)RunDirectory.Json.GetTypeInfo(typeof(T));
            if (MissingRequired(info, root, "") is { } missing) return missing;
            T? read;
            try { read = root.Deserialize(info); }
            catch (JsonException e) { return Describe(typeof(T), root, e); }
            if (read is ICheckedRecord checkedRecord && checkedRecord.Problem() is { } problem) return problem;
            value = read;
            return null;
        }
    }

    /// <summary>Where <paramref name="text"/> stops being JSON, in the file's terms (the line only when the text has
    /// several).</summary>
    private static string NotValid(string text, JsonException e)
    {
        if (e.BytePositionInLine is not { } column) return "not valid JSON";
        return text.AsSpan().TrimEnd().Contains('\n') && e.LineNumber is { } line
            ? $"not valid JSON at line {line + 1}, column {column + 1}"
            : $"not valid JSON at column {column + 1}";
    }

    /// <summary>One JSON object with any keys (a settings file read whole); throws naming
    /// <paramref name="where"/>.</summary>
    public static JsonObject ParseObject(string text, string where)
    {
        JsonNode? node;
        try { node = JsonNode.Parse(text); }
        catch (JsonException e) { throw new UserInputException($"{where}: not valid JSON ({OneLine.Of(e)})", e); }
        return node as JsonObject
            ?? throw new UserInputException($"{where}: not a JSON object ({Shorten(node?.ToJsonString() ?? "null")})");
    }

    /// <summary>The problem of a matrix property that is present but not edges × operations, else null.</summary>
    public static string? MatrixProblem(string propertyName, double?[][]? rows) =>
        rows is null || EdgeMatrix.HasCellShape(rows) ? null : $"'{Key(propertyName)}' {EdgeMatrix.ShapeProblem}";

    private static string? MissingRequired(JsonTypeInfo info, JsonElement element, string prefix)
    {
        foreach (var property in info.Properties.Where(p => p.IsRequired))
            if (!element.TryGetProperty(property.Name, out var value) || value.ValueKind == JsonValueKind.Null)
                return $"'{prefix}{property.Name}' is missing";
        return null;
    }

    /// <summary>Names the key of a failed conversion (from the exception's JSON path) and what its value should have
    /// been.</summary>
    private static string Describe(Type root, JsonElement document, JsonException e)
    {
        var names = new List<string>();
        Type? type = root;
        JsonElement? element = document;
        foreach (var segment in Segments(e.Path))
        {
            if (segment is string name)
            {
                names.Add(name);
                type = type is null ? null : MemberType(type, name);
                element = element is { ValueKind: JsonValueKind.Object } o && o.TryGetProperty(name, out var child)
                    ? child
                    : null;
            }
            else
            {
                var index = (int)segment;
                element = element is { ValueKind: JsonValueKind.Array } a && index < a.GetArrayLength()
                    ? a[index] : null;
            }
        }
        var key = names.Count > 0 ? string.Join(".", names) : "";
        if (type is not null && element is { ValueKind: JsonValueKind.Object } obj &&
            RunDirectory.Json.GetTypeInfo(type).Kind == JsonTypeInfoKind.Object &&
            MissingRequired(RunDirectory.Json.GetTypeInfo(type), obj, key.Length > 0 ? key + "." : "") is { } missing)
            return missing;
        var excerpt = element is { } value ? $" ({Excerpt(value)})" : "";
        return key.Length == 0
            ? $"does not have the layout of this file ({OneLine.Of(e)})" : $"'{key}' {Expected(type)}{excerpt}";
    }

    /// <summary>The type a key of <paramref name="type"/> holds (a property of a record, a value of a
    /// dictionary).</summary>
    private static Type? MemberType(Type type, string name)
    {
        var info = RunDirectory.Json.GetTypeInfo(type);
        while (info.Kind == JsonTypeInfoKind.Enumerable && info.ElementType is { } element)
            info = RunDirectory.Json.GetTypeInfo(element);
        return info.Kind switch
        {
            JsonTypeInfoKind.Object => info.Properties.FirstOrDefault(p => p.Name == name)?.PropertyType,
            JsonTypeInfoKind.Dictionary => info.ElementType,
            _ => null,
        };
    }

    private static string Expected(Type? type)
    {
        if (type is null) return "has a value of the wrong type";
        var plain = Nullable.GetUnderlyingType(type) ?? type;
        if (plain == typeof(double) || plain == typeof(float)) return "is not a number";
        if (plain == typeof(int) || plain == typeof(long)) return "is not an integer";
        if (plain == typeof(string)) return "is not a string";
        if (plain == typeof(bool)) return "is not true or false";
        if (plain == typeof(double?[][])) return EdgeMatrix.ShapeProblem;
        if (plain == typeof(EdgeOp) || typeof(IEnumerable<EdgeOp>).IsAssignableFrom(plain)) return EdgeOp.ListProblem;
        return RunDirectory.Json.GetTypeInfo(plain).Kind switch
        {
            JsonTypeInfoKind.Enumerable => "is not a list of the expected values",
            JsonTypeInfoKind.Object or JsonTypeInfoKind.Dictionary => "is not an object",
            _ => "has a value of the wrong type",
        };
    }

    /// <summary>The property names (strings) and array indices (ints) of a JSON path such as
    /// <c>$.files['model.bin'].size</c> or <c>$.alpha[0][1]</c>.</summary>
    private static List<object> Segments(string? path)
    {
        var segments = new List<object>();
        if (path is null || !path.StartsWith('$')) return segments;
        var i = 1;
        while (i < path.Length)
        {
            if (path[i] == '.')
            {
                var end = path.IndexOfAny(['.', '['], i + 1);
                if (end < 0) end = path.Length;
                segments.Add(path[(i + 1)..end]);
                i = end;
            }
            else if (path[i] == '[' && i + 1 < path.Length && path[i + 1] == '\'')
            {
                var end = path.IndexOf("']", i + 2, StringComparison.Ordinal);
                if (end < 0) break;
                segments.Add(path[(i + 2)..end]);
                i = end + 2;
            }
            else if (path[i] == '[')
            {
                var end = path.IndexOf(']', i + 1);
                if (end < 0 || !int.TryParse(path[(i + 1)..end], out var index)) break;
                segments.Add(index);
                i = end + 1;
            }
            else break;
        }
        return segments;
    }

    private static string Excerpt(JsonElement element) => Shorten(element.GetRawText());

    private static string Shorten(string text)
    {
        text = string.Join(" ", text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return text.Length <= 40 ? text : text[..37] + "...";
    }
}
