using System.Text.Json;
using System.Text.Json.Nodes;
using VpDarts.SearchSpace;

namespace VpDarts.Reporting;

/// <summary>
/// Typed reads of one JSON object of a run file. A missing key or a JSON null reads as null; a value of the wrong
/// type throws a <see cref="UserInputException"/> naming the file, the line (for metrics lines) and the key.
/// </summary>
internal sealed class JsonFields(JsonObject obj, string where)
{
    /// <summary>Where the object came from, e.g. <c>/runs/a/metrics.jsonl:3</c>.</summary>
    public string Where => where;

    /// <summary>The raw object.</summary>
    public JsonObject Object => obj;

    public UserInputException Error(string key, string what) => new($"{where}: '{key}' {what}");

    public double? Number(string key)
    {
        var node = obj[key];
        if (node is null) return null;
        if (node is JsonValue value && value.GetValueKind() == JsonValueKind.Number) return ToDouble(value);
        // Non-finite values are written as named literals (NaN, Infinity) by the run files' JSON settings.
        if (node is JsonValue text && text.GetValueKind() == JsonValueKind.String &&
            double.TryParse(text.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture, out var parsed))
            return parsed;
        throw Error(key, $"is not a number ({Shorten(node)})");
    }

    public int? Integer(string key)
    {
        var number = Number(key);
        if (number is null) return null;
        if (number != Math.Floor(number.Value) || Math.Abs(number.Value) > int.MaxValue) throw Error(key, $"is not an integer ({number})");
        return (int)number.Value;
    }

    public string? Text(string key)
    {
        var node = obj[key];
        if (node is null) return null;
        if (node is JsonValue value && value.GetValueKind() == JsonValueKind.String) return value.GetValue<string>();
        if (node is JsonValue other && other.GetValueKind() is JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False)
            return other.ToJsonString();
        throw Error(key, $"is not a string ({Shorten(node)})");
    }

    public JsonObject? Child(string key)
    {
        var node = obj[key];
        if (node is null) return null;
        return node as JsonObject ?? throw Error(key, $"is not an object ({Shorten(node)})");
    }

    public JsonFields? Fields(string key) => Child(key) is { } child ? new JsonFields(child, $"{where}: '{key}'") : null;

    /// <summary>A 6×5 edge × operation matrix; null entries become NaN.</summary>
    public double[,]? EdgeMatrix(string key)
    {
        var node = obj[key];
        if (node is null) return null;
        const string shape = "is not a 6×5 matrix (6 edges × 5 operations)";
        if (node is not JsonArray rows || rows.Count != CellTopology.EdgeCount) throw Error(key, shape);
        var matrix = new double[CellTopology.EdgeCount, Operations.Count];
        for (var e = 0; e < CellTopology.EdgeCount; e++)
        {
            if (rows[e] is not JsonArray row || row.Count != Operations.Count) throw Error(key, shape);
            for (var o = 0; o < Operations.Count; o++)
            {
                var cell = row[o];
                if (cell is null) matrix[e, o] = double.NaN;
                else if (cell is JsonValue v && v.GetValueKind() == JsonValueKind.Number) matrix[e, o] = ToDouble(v);
                else throw Error(key, $"row {e + 1} column {o + 1} is not a number ({Shorten(cell)})");
            }
        }
        return matrix;
    }

    /// <summary>A list of [edge, op] pairs.</summary>
    public IReadOnlyList<(int Edge, int Op)>? Pairs(string key)
    {
        var node = obj[key];
        if (node is null) return null;
        if (node is not JsonArray items) throw Error(key, "is not a list of [edge, op] pairs");
        var pairs = new List<(int, int)>();
        foreach (var item in items)
        {
            if (item is not JsonArray { Count: 2 } pair || pair[0] is not JsonValue a || pair[1] is not JsonValue b
                || a.GetValueKind() != JsonValueKind.Number || b.GetValueKind() != JsonValueKind.Number)
                throw Error(key, "is not a list of [edge, op] pairs");
            var (edge, op) = (ToDouble(a), ToDouble(b));
            if (edge is < 0 or >= CellTopology.EdgeCount || op is < 0 or >= Operations.Count || edge % 1 != 0 || op % 1 != 0)
                throw Error(key, $"has an [edge, op] pair out of range ([{edge}, {op}])");
            pairs.Add(((int)edge, (int)op));
        }
        return pairs;
    }

    /// <summary>
    /// A JSON number as a double, whether parsed from text or built in memory (where it may hold an int, a float, ...).
    /// </summary>
    public static double ToDouble(JsonValue value) => value.Deserialize<double>();

    /// <summary>The number under <paramref name="key"/> of <paramref name="obj"/>, or null when absent or not a number.</summary>
    public static double? NumberOrNull(JsonObject? obj, string key) =>
        obj?[key] is JsonValue v && v.GetValueKind() == JsonValueKind.Number ? ToDouble(v) : null;

    /// <summary>Parses one JSON object from text; throws naming <paramref name="where"/>.</summary>
    public static JsonFields Parse(string text, string where)
    {
        JsonNode? node;
        try { node = JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { AllowTrailingCommas = false }); }
        catch (JsonException e) { throw new UserInputException($"{where}: not valid JSON ({FirstLine(e.Message)})", e); }
        if (node is not JsonObject obj) throw new UserInputException($"{where}: not a JSON object ({Shorten(node)})");
        return new JsonFields(obj, where);
    }

    private static string FirstLine(string text) => text.Split('\n')[0].Trim();

    private static string Shorten(JsonNode? node)
    {
        var text = node?.ToJsonString() ?? "null";
        return text.Length <= 40 ? text : text[..37] + "...";
    }
}
