namespace VpDarts.Runs;

/// <summary>Reads a search config from JSON (the same snake_case keys <c>config.json</c> holds), strictly.</summary>
public static class SearchConfigFile
{
    /// <summary>Parses <paramref name="path"/>; unknown keys and wrong types are one-line errors naming the key.</summary>
    public static SearchConfig Load(string path) => SettingsFile<SearchConfig>.Load(path, "--config");

    /// <summary>
    /// Parses settings JSON held in memory, as strictly as <see cref="Load"/>; errors name <paramref name="source"/>
    /// and the key.
    /// </summary>
    public static SearchConfig Parse(string json, string source) => SettingsFile<SearchConfig>.Parse(json, source);

    /// <summary>
    /// <paramref name="baseConfig"/> with the keys present in the file at <paramref name="path"/> replaced, so a file
    /// may hold only the settings it changes.
    /// </summary>
    public static SearchConfig Overlay(SearchConfig baseConfig, string path) => SettingsFile<SearchConfig>.Overlay(baseConfig, path, "--config");

    /// <summary>Serialises <paramref name="config"/> to key → raw JSON value for comparisons.</summary>
    public static Dictionary<string, string> Flatten(SearchConfig config) => SettingsFile<SearchConfig>.Flatten(config);

    /// <summary>Keys whose values differ between two configs, formatted <c>key: a → b</c>.</summary>
    public static IReadOnlyList<string> Differences(SearchConfig stored, SearchConfig requested) =>
        SettingsFile<SearchConfig>.Differences(stored, requested);
}
