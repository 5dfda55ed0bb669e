namespace VpDarts.Cli.Commands;

/// <summary>
/// Marks an option property of a settings class as the command-line form of a run setting: when the option is given,
/// <see cref="GivenOptions"/> sets the config property named <paramref name="setting"/> to its value.
/// </summary>
/// <param name="setting">The config property the option sets (use <c>nameof</c>).</param>
[AttributeUsage(AttributeTargets.Property)]
public sealed class ConfigKeyAttribute(string setting) : Attribute
{
    /// <summary>The config property the option sets.</summary>
    public string Setting { get; } = setting;

    /// <summary>
    /// The option as error messages name it, where that is not its first long name (<c>--k</c> for <c>-k|--k-mode</c>).
    /// </summary>
    public string? Option { get; set; }
}
