namespace VpDarts.Cli.Commands;

/// <summary>Options of <c>vpdarts demo</c>: those of <c>search</c>, starting from the <c>demo</c> preset.</summary>
public sealed class DemoSettings : SearchSettings
{
    /// <inheritdoc />
    [CommandOption("--preset <NAME>"), Description("Starting settings: demo (embedded data, minutes), tiny (seconds, " +
        "for tests), cpu (minutes on 2 cores), paper (published protocol). [[default: demo]]")]
    public override string? Preset { get; set; }
}
