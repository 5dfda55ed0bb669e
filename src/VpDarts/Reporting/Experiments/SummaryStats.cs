namespace VpDarts.Reporting;

/// <summary>Mean and sample standard deviation of a set of values.</summary>
/// <param name="Count">How many values.</param>
/// <param name="Mean">Their mean; NaN when there are none.</param>
/// <param name="Std">Their sample standard deviation (divided by n − 1); NaN for fewer than two values.</param>
public readonly record struct SummaryStats(int Count, double Mean, double Std)
{
    /// <summary>Summarises <paramref name="values"/>.</summary>
    public static SummaryStats Of(IEnumerable<double> values)
    {
        var list = values.ToList();
        if (list.Count == 0) return new SummaryStats(0, double.NaN, double.NaN);
        var mean = list.Average();
        var std = list.Count < 2 ? double.NaN : Math.Sqrt(list.Sum(v => (v - mean) * (v - mean)) / (list.Count - 1));
        return new SummaryStats(list.Count, mean, std);
    }

    /// <summary><c>mean ± std</c> with <paramref name="decimals"/> decimals; <c>mean</c> alone for one value, <c>–</c>
    /// for none.</summary>
    public string Format(int decimals = 2)
    {
        var f = "F" + decimals;
        if (Count == 0) return "–";
        var mean = Mean.ToString(f, System.Globalization.CultureInfo.InvariantCulture);
        return Count < 2 ? mean : $"{mean} ± {Std.ToString(f, System.Globalization.CultureInfo.InvariantCulture)}";
    }
}
