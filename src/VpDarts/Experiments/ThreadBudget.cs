namespace VpDarts.Experiments;

/// <summary>How many torch threads each of several concurrent searches gets.</summary>
public static class ThreadBudget
{
    /// <summary>
    /// <c>max(1, cores / parallel)</c>, capped at <paramref name="requested"/> (the preset's own count), so that
    /// <c>parallel × threads ≤ cores</c> whenever <c>parallel ≤ cores</c>.
    /// </summary>
    /// <exception cref="UserInputException"><paramref name="parallel"/> or <paramref name="cores"/> is below
    /// 1.</exception>
    public static int PerSearch(int cores, int parallel, int requested)
    {
        if (parallel < 1) throw new UserInputException($"--parallel: must be at least 1, got {parallel}");
        if (cores < 1) throw new UserInputException($"cores: must be at least 1, got {cores}");
        return Math.Max(1, Math.Min(Math.Max(1, requested), cores / parallel));
    }

    /// <summary>A warning when <c>parallel × threads</c> exceeds <paramref name="cores"/>; null when it fits.</summary>
    public static string? Oversubscription(int cores, int parallel, int threads) =>
        parallel * threads > cores
            ? $"warning: {parallel} searches × {threads} thread{(threads == 1 ? "" : "s")} exceed the {cores} cores; " +
                "searches will slow each other down"
            : null;
}
