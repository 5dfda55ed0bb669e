using VpDarts.Runs;

namespace VpDarts.Strategies;

/// <summary>
/// The soft-pruning factor applied to unimportant α at the start of each pruning epoch t = 0..E−1. Fixed K zeroes
/// them; adjustable K multiplies the current α by a factor that falls from 1 to 0 (linear, or exponential as in
/// SofteR pruning), so the decay compounds over epochs. The linear factor is the authors' code's 1 − t/(E−1), which
/// reaches 0 in the last pruning epoch; the paper's equation 2 reads as 1 − t/E (docs/FAITHFULNESS.md).
/// </summary>
public static class PruningSchedule
{
    /// <summary>The factor for pruning epoch <paramref name="t"/> of <paramref name="epochs"/>.</summary>
    public static double Factor(KMode k, DecaySchedule decay, int t, int epochs, double rate = 5.0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(t);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(t, epochs);
        if (k == KMode.Fixed || epochs == 1) return 0.0;
        var progress = (double)t / (epochs - 1);
        return decay switch
        {
            DecaySchedule.Linear => 1.0 - progress,
            DecaySchedule.Exponential => (Math.Exp(-rate * progress) - Math.Exp(-rate)) / (1.0 - Math.Exp(-rate)),
            _ => throw new ArgumentOutOfRangeException(nameof(decay), decay, "not a decay schedule"),
        };
    }

    /// <summary>How many ops per edge progressive pruning keeps in each of its three stages.</summary>
    public static readonly IReadOnlyList<int> ProgressiveStageSizes = [5, 3, 2];

    /// <summary>Stage (0..2) of pruning epoch <paramref name="t"/> when <paramref name="epochs"/> are split in
    /// three.</summary>
    public static int ProgressiveStage(int t, int epochs) => Math.Min(2, t * 3 / epochs);

    /// <summary>Whether pruning epoch <paramref name="t"/> starts a new progressive stage.</summary>
    public static bool StartsProgressiveStage(int t, int epochs)
        => t == 0 || ProgressiveStage(t, epochs) != ProgressiveStage(t - 1, epochs);
}
