using System.Reflection;
using VpDarts.Runs;

namespace VpDarts.Cli.Commands;

/// <summary>
/// Help of an option whose default depends on the search method: <c>TEXT [default: the method's: 5e-4 for darts,
/// darts-v2, gdas; 3e-4 for vp-darts, …]</c>, read from the <see cref="MethodDefaults"/> function named
/// <paramref name="function"/> when help is shown, so help cannot drift from it.
/// </summary>
/// <param name="text">Text before the defaults.</param>
/// <param name="function">The <see cref="MethodDefaults"/> function of the setting (use <c>nameof</c>).</param>
[AttributeUsage(AttributeTargets.Property)]
public sealed class MethodDefaultDescriptionAttribute(string text, string function) : DescriptionAttribute
{
    /// <inheritdoc />
    public override string Description => $"{text} [[default: the method's: {Markup.Escape(Defaults(function))}]]";

    /// <summary>Each value of <see cref="MethodDefaults"/>' <paramref name="function"/> with the methods that have it, most methods first.</summary>
    public static string Defaults(string function)
    {
        var method = typeof(MethodDefaults).GetMethod(function, BindingFlags.Public | BindingFlags.Static, [typeof(SearchMethod)])
                     ?? throw new InvalidOperationException($"MethodDefaults has no {function}(SearchMethod)");
        return string.Join("; ", Enum.GetValues<SearchMethod>()
            .GroupBy(m => PresetDescriptionAttribute<SearchConfig>.Format(method.Invoke(null, [m])))
            .OrderByDescending(g => g.Count())
            .Select(g => $"{g.Key} for {string.Join(", ", g.Select(m => OptionNames.Name(m)))}"));
    }
}
