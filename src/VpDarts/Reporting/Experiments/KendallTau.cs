namespace VpDarts.Reporting;

/// <summary>Kendall's rank correlation between two paired samples.</summary>
public static class KendallTau
{
    /// <summary>
    /// Kendall's τ-b: <c>(C − D) / √((n₀ − n₁)(n₀ − n₂))</c>, where C and D count the concordant and discordant
    /// pairs, n₀ = n(n − 1)/2, and n₁, n₂ count the pairs tied in <paramref name="x"/> and in <paramref name="y"/>.
    /// A pair tied in either sample is neither concordant nor discordant. Without ties τ-b equals the paper's
    /// <c>(C − D) / (C + D)</c>. Returns NaN when either sample is constant (the denominator is zero) or has fewer
    /// than two values.
    /// </summary>
    /// <exception cref="ArgumentException">The samples differ in length or hold a NaN.</exception>
    public static double TauB(double[] x, double[] y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.Length != y.Length)
            throw new ArgumentException($"samples differ in length ({x.Length} and {y.Length})", nameof(y));
        if (x.Any(double.IsNaN) || y.Any(double.IsNaN)) throw new ArgumentException("samples must not hold NaN");
        long concordant = 0, discordant = 0, tiedX = 0, tiedY = 0;
        for (var i = 0; i < x.Length; i++)
        {
            for (var j = i + 1; j < x.Length; j++)
            {
                var dx = Math.Sign(x[i] - x[j]);
                var dy = Math.Sign(y[i] - y[j]);
                if (dx == 0) tiedX++;
                if (dy == 0) tiedY++;
                if (dx * dy > 0) concordant++;
                else if (dx * dy < 0) discordant++;
            }
        }
        var pairs = (long)x.Length * (x.Length - 1) / 2;
        var denominator = Math.Sqrt((double)(pairs - tiedX) * (pairs - tiedY));
        return denominator == 0 ? double.NaN : (concordant - discordant) / denominator;
    }
}
