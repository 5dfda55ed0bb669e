namespace VpDarts.Cli.Commands;

/// <summary>Options of <c>vpdarts search</c>: starting from the <c>paper</c> preset.</summary>
public sealed class SearchCommandSettings : SearchSettings
{
    /// <inheritdoc />
    [CommandOption("--preset <NAME>"), Description("Starting settings: paper (published protocol), cpu (minutes on 2 " +
        "cores), demo (embedded data), tiny (seconds, for tests). [[default: paper]]")]
    public override string? Preset { get; set; }
}
