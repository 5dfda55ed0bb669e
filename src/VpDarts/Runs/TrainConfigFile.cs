namespace VpDarts.Runs;

/// <summary>Reads a training config from JSON (the same snake_case keys <c>config.json</c> holds), strictly.</summary>
public static class TrainConfigFile
{
    /// <summary>Parses <paramref name="path"/>; unknown keys and wrong types are one-line errors naming the key.</summary>
    public static TrainConfig Load(string path) => SettingsFile<TrainConfig>.Load(path, "--config");

    /// <summary>
    /// <paramref name="baseConfig"/> with the keys present in the file at <paramref name="path"/> replaced;
    /// <paramref name="option"/> is the option that named the file, for the not-found message.
    /// </summary>
    public static TrainConfig Overlay(TrainConfig baseConfig, string path, string option = "--config") =>
        SettingsFile<TrainConfig>.Overlay(baseConfig, path, option);

    /// <summary>Keys whose values differ between two configs, formatted <c>key: a → b</c>.</summary>
    public static IReadOnlyList<string> Differences(TrainConfig stored, TrainConfig requested) =>
        SettingsFile<TrainConfig>.Differences(stored, requested);
}
