namespace VpDarts.Cli.Commands;

/// <summary><c>vpdarts demo</c>: a complete small search on the embedded dataset, offline, in a few minutes.</summary>
public sealed class DemoCommand(IAnsiConsole console, GivenArguments arguments) : TorchCommand<DemoSettings>
{
    /// <inheritdoc />
    protected override int ExecuteWithTorch(CommandContext context, DemoSettings settings,
        CancellationToken cancellationToken) =>
        SearchJob.Run(console, settings, "demo", autoTable: true, arguments.Values, cancellationToken);
}
