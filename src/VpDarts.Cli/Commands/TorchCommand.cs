using VpDarts.Runtime;

namespace VpDarts.Cli.Commands;

/// <summary>
/// Base of commands that run TorchSharp (search, train, ...): makes sure the native library is loaded before the
/// command runs, so a load failure is reported as one <c>error:</c> line instead of a crash inside torch.
/// Commands that never touch torch derive from <see cref="Command{TSettings}"/> directly.
/// </summary>
public abstract class TorchCommand<TSettings> : Command<TSettings> where TSettings : CommandSettings
{
    /// <inheritdoc />
    public sealed override int Execute(CommandContext context, TSettings settings, CancellationToken cancellationToken)
    {
        NativeBootstrap.EnsureLoaded();
        return ExecuteWithTorch(context, settings, cancellationToken);
    }

    /// <summary>Runs the command once TorchSharp is usable.</summary>
    protected abstract int ExecuteWithTorch(CommandContext context, TSettings settings,
        CancellationToken cancellationToken);
}
