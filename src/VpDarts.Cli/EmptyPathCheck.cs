using System.Reflection;

namespace VpDarts.Cli;

/// <summary>
/// Refuses an empty string given for a path, whatever the command: every option and argument whose value name is
/// <c>DIR</c>, <c>RUN_DIR</c>, <c>FILE</c> or <c>IMAGES</c>, and the path of <c>--dataset folder:PATH</c>
/// (<c>error: --out: expects a folder path, got an empty string</c>, exit 2), before the command runs. Without it
/// .NET's <c>ArgumentException … (Parameter 'path')</c> ended the command, some of them after creating a run folder.
/// </summary>
public sealed class EmptyPathCheck : ICommandInterceptor
{
    private const string FolderSpec = "folder:";

    /// <inheritdoc />
    public void Intercept(CommandContext context, CommandSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (Problem(settings) is { } problem) throw new UserInputException(problem);
    }

    /// <summary>The error for the first empty path in <paramref name="settings"/>; null when there is none.</summary>
    public static string? Problem(CommandSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        foreach (var property in settings.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var (name, valueName) = property.GetCustomAttribute<CommandOptionAttribute>() is { } option
                ? ("--" + option.LongNames.FirstOrDefault(), option.ValueName)
                : property.GetCustomAttribute<CommandArgumentAttribute>() is { } argument
                    ? ($"<{argument.ValueName}>", argument.ValueName)
                    : (null, null);
            if (name is null) continue;
            var values = property.GetValue(settings) switch
            {
                string one => [one],
                string[] many => many,
                _ => Array.Empty<string>(),
            };
            if (Expected(valueName) is { } expected && values.Any(v => v.Length == 0))
                return $"{name}: expects {expected}, got an empty string";
            if (valueName == "SPEC" && values.Any(v => v.Trim().Equals(FolderSpec, StringComparison.OrdinalIgnoreCase)))
                return $"{name}: expects a folder path after '{FolderSpec}', got an empty string";
        }
        return null;
    }

    private static string? Expected(string? valueName) => valueName switch
    {
        "DIR" => "a folder path",
        "RUN_DIR" => "a run folder path",
        "FILE" => "a file path",
        "IMAGES" => "image file paths",
        _ => null,
    };
}
