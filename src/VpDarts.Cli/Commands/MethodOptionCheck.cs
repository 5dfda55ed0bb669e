using VpDarts.Runs;

namespace VpDarts.Cli.Commands;

/// <summary>
/// Refuses a <c>search</c> option given on the command line that the chosen method or importance criterion never
/// reads (<c>--k fixed --method darts</c> → <c>--k: only used with --method vp-darts</c>), so a setting is never
/// silently ignored. Which method reads which setting is each method's own declaration
/// (<see cref="SearchMethod.Options"/>, <see cref="SearchMethod.UnusedBecause"/>, <see cref="SearchMethod.Ignores"/>).
/// Settings from a preset or a config file are not checked: a file may hold every key.
/// </summary>
public static class MethodOptionCheck
{
    /// <summary>Throws a one-line <see cref="UserInputException"/> for the first given option that
    /// <paramref name="config"/> ignores.</summary>
    public static void Refuse(SearchSettings given, SearchConfig config)
    {
        ArgumentNullException.ThrowIfNull(given);
        ArgumentNullException.ThrowIfNull(config);
        foreach (var (flag, setting) in Given(given))
        {
            if (config.Method.Ignores(setting) is { } why) throw new UserInputException($"{flag}: {why}");
            var readers = SearchMethod.All.Where(m => m.Options.Contains(setting)).ToList();
            if (readers.Count == 0) continue;  // a setting every method reads
            if (!readers.Contains(config.Method))
                throw new UserInputException(
                    $"{flag}: only used with --method {InWords(readers.Select(m => m.Name).ToList())}");
            if (config.Method.UnusedBecause(setting, config) is { } usedWith)
                throw new UserInputException($"{flag}: only used with {usedWith}");
        }
    }

    /// <summary>
    /// The options given on the command line that set a <see cref="SearchConfig"/> property (the mapping
    /// <see cref="GivenOptions"/> applies): the option as the user writes it, and the property's name.
    /// </summary>
    private static IEnumerable<(string Flag, string Setting)> Given(SearchSettings given) =>
        GivenOptions.Of(given.GetType(), typeof(SearchConfig))
            .Where(m => m.Given.GetValue(given) is not null)
            .Select(m => (m.Option, m.Setting.Name));

    private static string InWords(List<string> names) =>
        names.Count == 1 ? names[0] : $"{string.Join(", ", names[..^1])} or {names[^1]}";
}
