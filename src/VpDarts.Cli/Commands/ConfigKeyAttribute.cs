namespace VpDarts.Cli.Commands;

/// <summary>
/// Marks an option property of a settings class as the command-line form of a run setting: when the option is given,
/// <see cref="GivenOptions"/> sets the config property named <see cref="Setting"/> to its value. The option's help is
/// the setting's (<see cref="SettingHelp"/>); <see cref="SetsAttribute{TConfig}"/> names the config.
/// </summary>
/// <param name="setting">The config property the option sets (use <c>nameof</c>).</param>
[AttributeUsage(AttributeTargets.Property)]
public abstract class ConfigKeyAttribute(string setting) : DescriptionAttribute
{
    /// <summary>The config property the option sets.</summary>
    public string Setting { get; } = setting;

    /// <summary>The config type the setting belongs to.</summary>
    public abstract Type Config { get; }

    /// <summary>
    /// The option as error messages name it, where that is not its first long name (<c>--k</c> for <c>-k|--k-mode</c>).
    /// </summary>
    public string? Option { get; set; }

    /// <summary>
    /// Text after the presets' values in this command's help, inside the brackets (<c>, capped at max(1, cores/P)</c>),
    /// where the command's default is not simply the preset's.
    /// </summary>
    public string? Note { get; set; }

    /// <inheritdoc />
    public override string Description => SettingHelp.Of(Config, Setting, Note);
}
