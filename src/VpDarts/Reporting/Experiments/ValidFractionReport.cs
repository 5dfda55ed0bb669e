using VpDarts.Benchmark;
using VpDarts.Experiments;
using VpDarts.Runtime;

namespace VpDarts.Reporting;

/// <summary>Figure 8: found CIFAR-10 accuracy and search time against the validation-subset proportion.</summary>
public static class ValidFractionReport
{
    /// <summary>One point per variant, in ascending fraction.</summary>
    public static IReadOnlyList<ValidFractionPoint> Points(ExperimentPlan plan, IReadOnlyList<RunOutcome> outcomes)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(outcomes);
        return plan.Definition.Variants.Select(v =>
        {
            var done = outcomes.Where(o => o.Spec.Variant.Name == v.Name && o.State == RunState.Finished).ToList();
            var fraction = plan.Specs.First(s => s.Variant.Name == v.Name).Config.ValidFraction;
            return new ValidFractionPoint(fraction,
                SummaryStats.Of(done.Where(o => o.Scores is not null)
                    .Select(o => o.Scores!.Value[Nb201Dataset.Cifar10])),
                SummaryStats.Of(done.Where(o => o.SearchSeconds is not null).Select(o => o.SearchSeconds!.Value / 60)));
        }).OrderBy(p => p.Fraction).ToList();
    }

    internal static IReadOnlyList<string> Write(StringBuilder doc, ExperimentPlan plan, ExperimentDirectory dir,
        IReadOnlyList<RunOutcome> outcomes, List<string> files)
    {
        var points = Points(plan, outcomes);
        doc.AppendLine("## Result").AppendLine();
        doc.Append(ExperimentReport.MarkdownTable(["search-valid fraction", "runs", "CIFAR-10 test", "search (min)"],
            points.Select(p => (IReadOnlyList<string>)
            [
                Percent(p.Fraction), p.Cifar10.Count.ToString(CultureInfo.InvariantCulture), p.Cifar10.Format(),
                p.SearchMinutes.Format(1),
            ])));
        doc.AppendLine();
        doc.AppendLine("Every variant is VP-DARTS with a fixed K (as the paper's Figure 8 caption says) and differs " +
                       "only in the fraction of search-valid drawn afresh for each epoch's ablation; the final " +
                       "choice of the cell always uses the whole split. Accuracy is the NB201 CIFAR-10 test accuracy " +
                       "(%) of the found cell, `mean ± std` over seeds with the sample standard deviation (n − 1). " +
                       "Search time is the wall-clock `search_seconds`; only the ablation part depends on the " +
                       "fraction.").AppendLine();
        doc.AppendLine("![accuracy and search time against the validation fraction](figures/valid-fraction.png)")
            .AppendLine();
        doc.AppendLine("The figure is also in `figures/valid-fraction.svg`, for papers.").AppendLine();

        var csv = new StringBuilder(
            "valid_fraction,runs,cifar10_test_mean,cifar10_test_std,search_minutes_mean,search_minutes_std\n");
        foreach (var p in points)
            csv.AppendLine(string.Join(',', ExperimentReport.Csv(p.Fraction),
                p.Cifar10.Count.ToString(CultureInfo.InvariantCulture), ExperimentReport.Csv(p.Cifar10.Mean),
                ExperimentReport.Csv(p.Cifar10.Std),
                ExperimentReport.Csv(p.SearchMinutes.Mean), ExperimentReport.Csv(p.SearchMinutes.Std)));
        var csvPath = dir.In(plan.Definition.Name + ".csv");
        AtomicFile.WriteAllText(csvPath, csv.ToString());
        var figure = Path.Combine(dir.FiguresPath, "valid-fraction.png");
        ExperimentFigures.ValidFraction(figure, points, outcomes);
        files.AddRange([csvPath, figure]);
        return points.Select(p => $"{Percent(p.Fraction)} of search-valid: CIFAR-10 {p.Cifar10.Format()}, search " +
            $"{p.SearchMinutes.Format(1)} min").ToList();
    }

    private static string Percent(double fraction)
        => (fraction * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%";
}
