using System.Reflection;
using VpDarts.Runs;

namespace VpDarts.Cli.Commands;

/// <summary>
/// Help text of an option whose default is each method's own (<c>--weight-decay</c>): the text, then the value of
/// the <see cref="SearchMethod"/> property <paramref name="setting"/> for every method, grouped by value.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class MethodDefaultDescriptionAttribute(string text, string setting) : DescriptionAttribute
{
    /// <inheritdoc />
    public override string Description => $"{text} [[default: the method's: {Markup.Escape(Defaults(setting))}]]";

    /// <summary><c>5E-04 for darts, gdas; 3E-04 for vp-darts, …</c>: the methods' values of <paramref name="setting"/>,
    /// the commonest first.</summary>
    public static string Defaults(string setting)
    {
        var property = typeof(SearchMethod).GetProperty(setting, BindingFlags.Public | BindingFlags.Instance)
                       ?? throw new InvalidOperationException($"SearchMethod has no property {setting}");
        return string.Join("; ", SearchMethod.All
            .GroupBy(m => PresetDescriptionAttribute<SearchConfig>.Format(property.GetValue(m)))
            .OrderByDescending(g => g.Count())
            .Select(g => $"{g.Key} for {string.Join(", ", g.Select(m => m.Name))}"));
    }
}
