using VpDarts.Runtime;

namespace VpDarts.Runs;

/// <summary>
/// What a user can do once a loss or α became NaN or infinite: which checkpoint is kept (only one that exists and
/// verifies is named), how to repeat from it, how to start again with other settings (<c>--resume</c> refuses changed
/// settings, a new run takes the old one's config.json), and that <c>vpdarts doctor</c> tells a faulty machine apart.
/// </summary>
public static class NumericFaultAdvice
{
    /// <summary>The advice for run folder <paramref name="run"/> of
    /// <c>vpdarts <paramref name="command"/></c>.</summary>
    /// <param name="run">The run folder.</param>
    /// <param name="command"><c>search</c> or <c>train</c>.</param>
    /// <param name="rateOption">The option that lowers the learning rate (<c>--weight-lr</c>, <c>--lr</c>).</param>
    public static string For(RunDirectory run, string command, string rateOption)
    {
        var latest = Checkpoints.List(run.CheckpointsPath).FirstOrDefault(c => Checkpoints.Verify(c, out _) is null);
        var kept = latest is null
            ? "no checkpoint was written before the fault"
            : $"the last checkpoint before the fault is kept ({latest}); `vpdarts {command} --resume " +
                $"{ShellWord.Of(run.Root)}` repeats the steps from there with the same settings";
        return $"{kept}; to try other settings start a new run from this one's: `vpdarts {command} --config " +
               $"{run.ConfigPath} {rateOption} <smaller> --out <new folder>`; if the settings are sound, run " +
               "`vpdarts doctor` to check that this machine computes the numbers right";
    }
}
