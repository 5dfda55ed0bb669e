namespace VpDarts.Reporting;

/// <summary>Spearman's rank correlation between two paired samples.</summary>
public static class SpearmanRho
{
    /// <summary>
    /// The Pearson correlation of the two samples' ranks, tied values sharing their mean rank. NaN when either
    /// sample is constant or has fewer than two values.
    /// </summary>
    /// <exception cref="ArgumentException">The samples differ in length or hold a NaN.</exception>
    public static double Of(double[] x, double[] y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.Length != y.Length)
            throw new ArgumentException($"samples differ in length ({x.Length} and {y.Length})", nameof(y));
        if (x.Any(double.IsNaN) || y.Any(double.IsNaN)) throw new ArgumentException("samples must not hold NaN");
        if (x.Length < 2) return double.NaN;
        var rx = Ranks(x);
        var ry = Ranks(y);
        var mx = rx.Average();
        var my = ry.Average();
        double sxy = 0, sxx = 0, syy = 0;
        for (var i = 0; i < rx.Length; i++)
        {
            sxy += (rx[i] - mx) * (ry[i] - my);
            sxx += (rx[i] - mx) * (rx[i] - mx);
            syy += (ry[i] - my) * (ry[i] - my);
        }
        return sxx == 0 || syy == 0 ? double.NaN : sxy / Math.Sqrt(sxx * syy);
    }

    /// <summary>1-based ranks, ascending (1 = lowest), ties sharing their mean rank: <see cref="OpRanking.Ranks"/>
    /// counted from the other end.</summary>
    public static double[] Ranks(double[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return OpRanking.Ranks(values).Select(r => values.Length + 1 - r).ToArray();
    }
}
