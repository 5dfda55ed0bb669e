using System.Text.Json;

namespace VpDarts.Runs;

/// <summary>
/// What a JSON value of a .NET type is called in the words of a JSON file, so that errors about a file a person
/// reads (<c>config.json</c>, <c>model.json</c>) never show .NET type names.
/// </summary>
public static class JsonWords
{
    /// <summary>What a value of <paramref name="type"/> takes: "a whole number", "true or false", "one of …".</summary>
    public static string Expected(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (Nullable.GetUnderlyingType(type) is { } inner) return Expected(inner) + " or null";
        if (type.IsEnum) return $"one of {string.Join(", ", OptionNames.Of(type))}";
        if (type == typeof(int) || type == typeof(long)) return "a whole number";
        if (type == typeof(double) || type == typeof(float)) return "a number";
        if (type == typeof(bool)) return "true or false";
        if (type == typeof(string)) return "a string";
        return type != typeof(string) && type.IsAssignableTo(typeof(System.Collections.IEnumerable))
            ? "a list" : "a JSON object";
    }

    /// <summary>
    /// The problem <paramref name="e"/> reports while reading a <typeparamref name="T"/> with
    /// <paramref name="options"/>, in the file's words: the key and what it expects (for a top-level key), else the
    /// JSON path.
    /// </summary>
    public static string Problem<T>(JsonException e, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(options);
        if (e.Path is not { Length: > 2 } path || !path.StartsWith("$.", StringComparison.Ordinal))
            return e.LineNumber is { } line && e.BytePositionInLine is { } column
                ? $"not valid JSON at line {line + 1}, column {column + 1}"
                : "not a JSON object of the expected form";
        var key = path[2..];
        if (e.Message.StartsWith("Duplicate property", StringComparison.Ordinal)) return $"key '{key}' is given twice";
        var property = options.GetTypeInfo(typeof(T)).Properties.FirstOrDefault(p => p.Name == key);
        return property is null
            ? $"key '{key}' holds a value of the wrong type or form"
            : $"key '{key}' expects {Expected(property.PropertyType)}";
    }
}
