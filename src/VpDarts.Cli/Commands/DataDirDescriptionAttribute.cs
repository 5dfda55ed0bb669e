using VpDarts.Data;

namespace VpDarts.Cli.Commands;

/// <summary>
/// Help of <c>--data-dir</c>: its default is read from <see cref="DataOptions.DefaultDataDirectory"/> when help is
/// shown, so it names the folder this user's runs would really use (<c>$XDG_CACHE_HOME</c> included), in a form short
/// enough that the help's column never breaks it in the middle.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class DataDirDescriptionAttribute : DescriptionAttribute
{
    /// <summary>Longest default shown as a path; a longer one is named by the variable it comes from.</summary>
    public const int LongestShown = 32;

    /// <inheritdoc />
    public override string Description => $"Dataset download/cache folder [[default: {Markup.Escape(DefaultShown)}]]";

    /// <summary>
    /// The default folder as help shows it: the path with the home folder written <c>~</c>
    /// (<c>~/.cache/vpdarts/data</c>); if that is still longer than <see cref="LongestShown"/>, which only a
    /// <c>$XDG_CACHE_HOME</c> outside the home folder makes it, <c>$XDG_CACHE_HOME/vpdarts/data</c>.
    /// </summary>
    public static string DefaultShown
    {
        get
        {
            var path = DataOptions.DefaultDataDirectory;
            var home = DataOptions.UserHome.TrimEnd('/');
            var shown = home.Length > 1 && path.StartsWith(home + "/", StringComparison.Ordinal)
                ? "~" + path[home.Length..] : path;
            return shown.Length <= LongestShown || !DataOptions.UsesXdgCacheHome
                ? shown : "$XDG_CACHE_HOME/vpdarts/data";
        }
    }
}
