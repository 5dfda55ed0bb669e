using VpDarts.Data;

namespace VpDarts.Cli.Commands;

/// <summary>
/// Help of <c>--data-dir</c>: its default is read from <see cref="DataOptions.DefaultDataDirectory"/> when help is
/// shown, so it names the folder this user's runs would really use (<c>$XDG_CACHE_HOME</c> included).
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class DataDirDescriptionAttribute : DescriptionAttribute
{
    /// <inheritdoc />
    public override string Description =>
        $"Dataset download/cache folder [[default: {Markup.Escape(DataOptions.DefaultDataDirectory)}]]";
}
