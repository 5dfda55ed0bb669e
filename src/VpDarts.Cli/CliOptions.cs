using System.Reflection;

namespace VpDarts.Cli;

/// <summary>
/// Every option the commands declare, with the type of value it takes: what the error handler needs to name an
/// option whose value did not convert and to suggest the option nearest to a misspelt one.
/// </summary>
public static class CliOptions
{
    private static readonly Lazy<Dictionary<string, Type>> Types = new(() =>
    {
        var types = new Dictionary<string, Type>(StringComparer.Ordinal);
        var settings = typeof(CliOptions).Assembly.GetTypes().Where(t => typeof(CommandSettings).IsAssignableFrom(t));
        foreach (var property in settings.SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance)))
        {
            if (property.GetCustomAttribute<CommandOptionAttribute>() is not { } option) continue;
            foreach (var name in option.LongNames) types.TryAdd("--" + name, property.PropertyType);
            foreach (var name in option.ShortNames) types.TryAdd("-" + name, property.PropertyType);
        }
        return types;
    });

    /// <summary>Every long option name, with its dashes (<c>--epochs</c>).</summary>
    public static IEnumerable<string> LongNames
        => Types.Value.Keys.Where(k => k.StartsWith("--", StringComparison.Ordinal));

    /// <summary>
    /// The value type of option <paramref name="token"/> as typed (<c>--epochs</c>, <c>-t</c>, <c>--k</c>), without
    /// <see cref="Nullable{T}"/>; null for a name no command declares.
    /// </summary>
    public static Type? ValueType(string token)
    {
        var name = CliApp.NormalizeArguments([token])[0];
        return Types.Value.TryGetValue(name, out var type) ? Nullable.GetUnderlyingType(type) ?? type : null;
    }

    /// <summary>What an option of value type <paramref name="type"/> takes, in words: <c>a whole number</c>,
    /// <c>a number</c>.</summary>
    public static string Expected(Type? type) =>
        type == typeof(int) || type == typeof(long) ? "a whole number"
        : type == typeof(double) || type == typeof(float) ? "a number"
        : type == typeof(bool) ? "true or false"
        : "a value";

    /// <summary>The first option that takes a value but is last or followed by another option; null when there is
    /// none.</summary>
    public static string? OptionWithoutValue(IReadOnlyList<string> arguments) =>
        arguments.Where((a, i) => a.StartsWith('-')
                                  && (i + 1 == arguments.Count
                                      || arguments[i + 1].StartsWith("--", StringComparison.Ordinal))
                                  && ValueType(a) is { } type && type != typeof(bool))
            .FirstOrDefault();
}
