namespace VpDarts.Cli.Commands;

/// <summary><c>vpdarts search</c>: runs a search (or resumes one) and prints a summary.</summary>
public sealed class SearchCommand(IAnsiConsole console, GivenArguments arguments) : TorchCommand<SearchCommandSettings>
{
    /// <inheritdoc />
    protected override int ExecuteWithTorch(CommandContext context, SearchCommandSettings settings,
        CancellationToken cancellationToken) =>
        SearchJob.Run(console, settings, "paper", autoTable: false, arguments.Values, cancellationToken);
}
