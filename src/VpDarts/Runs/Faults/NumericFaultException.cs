namespace VpDarts.Runs;

/// <summary>A loss or α became NaN or infinite, or the loss diverged; the message names where, and what can be
/// done.</summary>
public sealed class NumericFaultException(string message) : Exception(message)
{
    /// <summary>
    /// A mean cross-entropy above this means the run has diverged: the right class's logit is on average this far
    /// below another's. A network at initialisation scores ln(classes) (2.3 for 10), a training one less; a diverging
    /// one passes this bound on its way to infinity, and an epoch that did must not be checkpointed as good.
    /// </summary>
    public const float DivergedLoss = 1000f;

    /// <summary>Null when <paramref name="loss"/> is a usable loss, else what is wrong with it ("became NaN", "reached
    /// 4.2E+17 …").</summary>
    public static string? Problem(float loss) =>
        !float.IsFinite(loss) ? $"became {loss.ToString(CultureInfo.InvariantCulture)}"
        : loss > DivergedLoss ? $"reached {loss.ToString("G3", CultureInfo.InvariantCulture)} (above " +
            $"{DivergedLoss.ToString(CultureInfo.InvariantCulture)}: the run diverged)"
        : null;
}
