using VpDarts.Models;

namespace VpDarts.Proxies;

/// <summary>
/// Shows an observer the input of every ReLU of an NB201 network as it runs: each ReLU → conv → BN block's input, and
/// the last BN's output before its ReLU (seen through the block's output: a ReLU output is positive exactly where
/// its input is).
/// </summary>
internal static class ReluInputs
{
    /// <summary>Observes until the returned handle is disposed; the observer must copy what it keeps.</summary>
    public static IDisposable Observe(nn.Module network, Action<Tensor> observer)
    {
        var removals = new List<IDisposable>();
        foreach (var module in network.modules())
        {
            if (module is ReluConvBn block)
            {
                var handle = block.register_forward_pre_hook((_, input) =>
                {
                    observer(input);
                    return input;
                });
                removals.Add(new HookRemoval(handle.remove));
            }
            else if (module is LastAct last)
            {
                var handle = last.register_forward_hook((_, _, output) =>
                {
                    observer(output);
                    return output;
                });
                removals.Add(new HookRemoval(handle.remove));
            }
        }
        return new HookRemoval(() => removals.ForEach(r => r.Dispose()));
    }
}
