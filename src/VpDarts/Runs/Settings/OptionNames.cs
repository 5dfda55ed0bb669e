using System.Collections.Concurrent;
using System.Reflection;

namespace VpDarts.Runs;

/// <summary>
/// The names of the enums a run is set with (<see cref="SearchMethod"/>, <see cref="KMode"/>,
/// <see cref="DecaySchedule"/>, <see cref="ImportanceCriterion"/>): the <see cref="JsonStringEnumMemberNameAttribute"/>
/// of each member, so that <c>config.json</c>, the command line and reports spell a value the same way.
/// </summary>
public static class OptionNames
{
    private static readonly ConcurrentDictionary<Type, (string[] Names, Enum[] Values)> Tables = new();

    /// <summary>The name of <paramref name="value"/>, as <c>config.json</c> writes it.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="value"/> is not a member of
    /// <typeparamref name="T"/>.</exception>
    public static string Name<T>(T value) where T : struct, Enum
    {
        var (names, values) = Table(typeof(T));
        var i = Array.IndexOf(values, value);
        return i >= 0
            ? names[i] : throw new ArgumentOutOfRangeException(nameof(value), value, $"not a {typeof(T).Name}");
    }

    /// <summary>Every name of <typeparamref name="T"/>, in declaration order.</summary>
    public static IReadOnlyList<string> All<T>() where T : struct, Enum => Table(typeof(T)).Names;

    /// <summary>
    /// The value named <paramref name="text"/> in any case (<c>DARTS</c>, <c>Darts</c> and <c>darts</c> alike, as
    /// data set names are read), or null when no value has that name.
    /// </summary>
    public static T? Find<T>(string? text) where T : struct, Enum => (T?)Find(typeof(T), text);

    /// <summary>The value of enum type <paramref name="enumType"/> named <paramref name="text"/> in any case, or
    /// null.</summary>
    internal static Enum? Find(Type enumType, string? text)
        => IndexOf(enumType, text) is var i and >= 0 ? Table(enumType).Values[i] : null;

    /// <summary>The name, as <c>config.json</c> writes it, of the value named <paramref name="text"/> in any case, or
    /// null.</summary>
    internal static string? Canonical(Type enumType, string? text)
        => IndexOf(enumType, text) is var i and >= 0 ? Table(enumType).Names[i] : null;

    private static int IndexOf(Type enumType, string? text) =>
        text is null ? -1 : Array.FindIndex(Table(enumType).Names,
            name => string.Equals(name, text, StringComparison.OrdinalIgnoreCase));

    /// <summary>The value named <paramref name="text"/>.</summary>
    /// <exception cref="UserInputException">
    /// No value has that name; the message names <paramref name="option"/> and lists the names.
    /// </exception>
    public static T Parse<T>(string text, string option) where T : struct, Enum =>
        Find<T>(text) ?? throw new UserInputException($"{option}: {Unknown(typeof(T), text)}");

    /// <summary>
    /// <c>unknown method 'x' (expected vp-darts, darts, …)</c>: the noun is the last word of the type's name
    /// (<see cref="SearchMethod"/> → method, <see cref="KMode"/> → mode), as the command line's value names have it.
    /// </summary>
    internal static string Unknown(Type enumType, string text)
    {
        var type = enumType.Name;
        var lastWord = Enumerable.Range(0, type.Length).LastOrDefault(i => char.IsUpper(type[i]));
        return $"unknown {type[lastWord..].ToLowerInvariant()} {OneLine.Quote(text)} (expected " +
            $"{string.Join(", ", Table(enumType).Names)})";
    }

    /// <summary>The names of enum type <paramref name="enumType"/>.</summary>
    internal static IReadOnlyList<string> Of(Type enumType) => Table(enumType).Names;

    private static (string[] Names, Enum[] Values) Table(Type enumType) => Tables.GetOrAdd(enumType, static type =>
    {
        var fields = type.GetFields(BindingFlags.Public | BindingFlags.Static);
        return (fields.Select(f => f.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name ?? f.Name).ToArray(),
                fields.Select(f => (Enum)f.GetValue(null)!).ToArray());
    });
}
