using VpDarts.Benchmark;
using VpDarts.Experiments;
using VpDarts.Runtime;

namespace VpDarts.Reporting;

/// <summary>Tables 1–3: NB201 accuracy of the found cells per variant, with the table's random-cell mean and
/// optimum.</summary>
public static class AccuracyTableReport
{
    /// <summary>
    /// The table's rows: one per variant (mean and sample std over its finished seeds, mean search hours), then the
    /// mean of all table cells (with the population std over cells) and the best cell of each column.
    /// </summary>
    public static IReadOnlyList<AccuracyRow> Rows(ExperimentPlan plan, IReadOnlyList<RunOutcome> outcomes,
        Nb201Table? table)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(outcomes);
        var rows = plan.Definition.Variants.Select(v =>
        {
            var done = outcomes.Where(o => o.Spec.Variant.Name == v.Name && o.State == RunState.Finished).ToList();
            var scored = done.Where(o => o.Scores is not null).ToList();
            var hours = SummaryStats.Of(done.Where(o => o.SearchSeconds is not null)
                .Select(o => o.SearchSeconds!.Value / 3600));
            var cpu = SummaryStats.Of(done.Where(o => o.CpuSeconds is not null).Select(o => o.CpuSeconds!.Value / 60));
            return new AccuracyRow(v.Name, v.Label,
                Nb201Datasets.All.Select(d => SummaryStats.Of(scored.Select(o => o.Scores!.Value[d]))).ToList(),
                hours.Count > 0 ? hours.Mean : null, v.PaperResult, cpu.Count > 0 ? cpu.Mean : null);
        }).ToList();
        if (table is not null)
        {
            rows.Add(new AccuracyRow("random-cell", $"Random cell (mean of all {table.Count:N0} table cells)",
                Nb201Datasets.All.Select(d => new SummaryStats(table.Count, table.Mean(d), table.Std(d)))
                    .ToList(), null, null));
            rows.Add(new AccuracyRow("optimum", "Optimum (best table cell of each column)",
                Nb201Datasets.All.Select(d => new SummaryStats(1, table.Best(d).Scores[d], double.NaN))
                    .ToList(), null, "94.37"));
        }
        return rows;
    }

    internal static IReadOnlyList<string> Write(StringBuilder doc, ExperimentPlan plan, ExperimentDirectory dir,
        IReadOnlyList<RunOutcome> outcomes, Nb201Table? table, List<string> files)
    {
        var rows = Rows(plan, outcomes, table);
        var variants = plan.Definition.Variants.Count;
        doc.AppendLine("## Result").AppendLine();
        doc.Append(ExperimentReport.MarkdownTable(
            ["method", "runs", "CIFAR-10 test", "CIFAR-100 test", "ImageNet16-120 test", "search (h)",
                "CPU min / search", "paper: CIFAR-10 test"],
            rows.Select((r, i) => (IReadOnlyList<string>)
            [
                r.Label,
                i < variants ? r.Accuracy[0].Count.ToString(System.Globalization.CultureInfo.InvariantCulture) : "–",
                .. r.Accuracy.Select(s => s.Format()), r.SearchHours is { } h ? ExperimentReport.F(h, 2) : "–",
                r.CpuMinutes is { } m ? ExperimentReport.F(m, 1) : "–", r.Paper ?? "–",
            ])));
        doc.AppendLine();
        doc.AppendLine("Accuracies are NB201's 200-epoch test accuracies (%) of the cells the searches found. " +
                       "`mean ± std` over seeds uses the **sample** standard deviation (divided by n − 1; the paper " +
                       "calls its spread over 5 seeds \"variance\" but reports numbers on the scale of a standard " +
                       "deviation); a single finished seed shows its value alone. Search time is each run's " +
                       "wall-clock `search_seconds`, averaged over seeds; CPU minutes are the search process's CPU " +
                       "time over the search (`cpu_seconds`, all threads; not recorded for resumed runs).")
                           .AppendLine();
        if (table is not null)
            doc.AppendLine("The random-cell row is the mean over **all** cells of the table, ± the population " +
                           "standard deviation over cells (no sampling). The optimum row is the highest accuracy in " +
                           "each column, computed from the table; the best cell differs between columns.").AppendLine();
        if (plan.Definition.Variants.Any(v => v.PaperResult is not null))
            doc.AppendLine("The paper's column is its reported CIFAR-10 test accuracy at paper scale (N=5, C=16, 50 " +
                           "epochs on all of CIFAR-10), for orientation only: a reduced preset searches a smaller " +
                           "supernet on fewer images.").AppendLine();
        doc.AppendLine($"![NB201 accuracy of the found cells](figures/accuracy.png)").AppendLine();
        doc.AppendLine("The figure is also in `figures/accuracy.svg`, for papers.").AppendLine();

        var csv = new StringBuilder("row,label,runs,cifar10_test_mean,cifar10_test_std,cifar100_test_mean," +
                                    "cifar100_test_std,imagenet16_120_test_mean,imagenet16_120_test_std," +
                                    "search_hours_mean,search_cpu_minutes_mean");
        // A sweep's rows also carry the value of each swept key, one column per key, for plotting against the settings.
        var grid = plan.Definition.Grid;
        if (grid is not null) csv.Append(string.Concat(grid.Axes.Select(a => "," + a.Key)));
        csv.Append('\n');
        foreach (var (r, i) in rows.Select((r, i) => (r, i)))
            csv.AppendLine(string.Join(',', CsvText.Cell(r.Key), CsvText.Quoted(r.Label),
                i < variants ? r.Accuracy[0].Count.ToString(System.Globalization.CultureInfo.InvariantCulture) : "",
                string.Join(',',
                    r.Accuracy.Select(s => ExperimentReport.Csv(s.Mean) + "," + ExperimentReport.Csv(s.Std))),
                ExperimentReport.Csv(r.SearchHours), ExperimentReport.Csv(r.CpuMinutes)) +
                (grid is null ? "" : string.Concat(i < variants
                    ? grid.ValuesOf(r.Key).Select(v => "," + CsvText.Quoted(v))
                    : grid.Axes.Select(_ => ","))));
        var csvPath = dir.In(plan.Definition.Name + ".csv");
        AtomicFile.WriteAllText(csvPath, csv.ToString());
        files.Add(csvPath);

        var figure = Path.Combine(dir.FiguresPath, "accuracy.png");
        ExperimentFigures.Accuracy(figure, plan, outcomes, table);
        files.Add(figure);
        return rows.Select(r => $"{r.Label}: CIFAR-10 {r.Accuracy[0].Format()}, CIFAR-100 {r.Accuracy[1].Format()}, " +
                                $"ImageNet16-120 {r.Accuracy[2].Format()}" +
                                    (r.SearchHours is { } h ? $", search {ExperimentReport.F(h, 2)} h" : "")).ToList();
    }
}
