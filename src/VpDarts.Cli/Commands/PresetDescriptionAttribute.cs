using System.Globalization;
using System.Reflection;
using VpDarts.Runs;

namespace VpDarts.Cli.Commands;

/// <summary>
/// Help of an option whose default comes from the preset: <c>TEXT [default: paper 50, cpu 19, demo 6, tiny 4]</c>, or
/// <c>[default: 64]</c> where every preset has the same value. The values are read from <see cref="SearchPresets"/> or
/// <see cref="TrainPresets"/> (by <typeparamref name="TConfig"/>) when help is shown, so help cannot drift from them.
/// </summary>
/// <typeparam name="TConfig"><see cref="SearchConfig"/> or <see cref="TrainConfig"/>: whose presets to
/// read.</typeparam>
/// <param name="text">Text before the defaults.</param>
/// <param name="setting">The <typeparamref name="TConfig"/> property the option sets (use <c>nameof</c>).</param>
/// <param name="none">What a null value means (e.g. "whole half"); null shows "none".</param>
/// <param name="note">Text after the values, inside the brackets (e.g. methods that ignore the setting).</param>
[AttributeUsage(AttributeTargets.Property)]
public sealed class PresetDescriptionAttribute<TConfig>(
    string text,
    string setting,
    string? none = null,
    string? note = null) : DescriptionAttribute
    where TConfig : class
{
    /// <inheritdoc />
    public override string Description => $"{text} [[default: {Markup.Escape(Defaults(setting, none))}{note}]]";

    /// <summary>The value of <paramref name="setting"/> in each preset, as help shows it (one value when all
    /// agree).</summary>
    public static string Defaults(string setting, string? none = null)
    {
        var property = typeof(TConfig).GetProperty(setting, BindingFlags.Public | BindingFlags.Instance)
                       ?? throw new InvalidOperationException($"{typeof(TConfig).Name} has no setting {setting}");
        var values =
            PresetNames.All.Select(name => (name, Value: Format(property.GetValue(Preset(name)), none))).ToList();
        return values.Select(v => v.Value).Distinct().Count() == 1
            ? values[0].Value
            : string.Join(", ", values.Select(v => $"{v.name} {v.Value}"));
    }

    private static object Preset(string name) =>
        typeof(TConfig) == typeof(SearchConfig) ? SearchPresets.Get(name)
        : typeof(TConfig) == typeof(TrainConfig) ? TrainPresets.Get(name)
        : throw new InvalidOperationException($"no presets of {typeof(TConfig).Name}");

    /// <summary>A setting's value as help shows it: small rates as <c>3e-4</c>, null as
    /// <paramref name="none"/>.</summary>
    internal static string Format(object? value, string? none = null) => value switch
    {
        null => none ?? "none",
        double d when d != 0 && Math.Abs(d) < 0.01 => d.ToString("0.###e0", CultureInfo.InvariantCulture),
        double d => d.ToString(CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
