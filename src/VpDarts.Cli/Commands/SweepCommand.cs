namespace VpDarts.Cli.Commands;

/// <summary>
/// <c>vpdarts experiment sweep --grid KEY=V1,V2 …</c>: every combination of the grid's values as a variant, each
/// searched once per seed, in the same experiment folder layout, with the same summary and cluster jobs as the paper's
/// experiments.
/// </summary>
public sealed class SweepCommand(IAnsiConsole console, GivenArguments arguments) : TorchCommand<SweepSettings>
{
    /// <inheritdoc />
    protected override int ExecuteWithTorch(CommandContext context, SweepSettings settings,
        CancellationToken cancellationToken) =>
        ExperimentCommand.Run(console, settings.ParseGrid().Definition(), settings, arguments.Values,
            cancellationToken);
}
