using VpDarts.Benchmark;
using VpDarts.Experiments;
using VpDarts.Runtime;

namespace VpDarts.Reporting;

/// <summary>
/// Builds an experiment's summary from whatever its run folders hold: <c>experiment.md</c>, <c>runs.csv</c> (one row
/// per search), the experiment's own CSV (<c>&lt;name&gt;.csv</c>) and figures in <c>figures/</c>. It can run at any
/// time; searches that have not finished are listed, not counted.
/// </summary>
public static class ExperimentReport
{
    /// <summary>Collects the runs of <paramref name="plan"/> in <paramref name="dir"/> and writes the
    /// summary.</summary>
    public static ExperimentReportOutput Write(ExperimentPlan plan, ExperimentDirectory dir, Nb201Table? table)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(dir);
        RunRecord.RequireOwnFigures(dir.FiguresPath, "the experiment", "collect");
        var outcomes = ExperimentResults.Collect(plan, dir, table);
        var doc = new StringBuilder();
        Header(doc, plan, dir, outcomes, table);
        var files = new List<string> { dir.In("runs.csv") };
        AtomicFile.WriteAllText(files[0], RunsCsv(outcomes));
        var summary = plan.Definition.Kind switch
        {
            ExperimentKind.AccuracyTable => AccuracyTableReport.Write(doc, plan, dir, outcomes, table, files),
            ExperimentKind.RankingAgreement => RankingReport.Write(doc, plan, dir, outcomes, table, files),
            ExperimentKind.ValidFraction => ValidFractionReport.Write(doc, plan, dir, outcomes, files),
            _ => throw new InvalidOperationException($"no report for {plan.Definition.Kind}"),
        };
        RunsSection(doc, outcomes);
        AtomicFile.WriteAllText(dir.ReportPath, doc.ToString());
        var finished = outcomes.Count(o => o.State == RunState.Finished);
        return new ExperimentReportOutput(dir.ReportPath, files, finished, outcomes.Count, summary);
    }

    private static void Header(StringBuilder doc, ExperimentPlan plan, ExperimentDirectory dir,
        IReadOnlyList<RunOutcome> outcomes, Nb201Table? table)
    {
        var c = plan.BaseConfig;
        var d = plan.Definition;
        // Everything below that comes from experiment.json or a run folder is escaped (MarkdownText): a sweep's values
        // are the user's.
        doc.AppendLine($"# {MarkdownText.Text(d.Title)}").AppendLine()
            .AppendLine(MarkdownText.Text(d.Purpose)).AppendLine();
        doc.AppendLine("## Setup").AppendLine();
        doc.AppendLine($"- Preset {MarkdownText.Code(plan.Preset)}: dataset {MarkdownText.Code(c.Dataset)}, " +
                       $"N={c.Layers}, C={c.Channels}, {c.Epochs} epochs ({c.Warmup} warm-up for the methods that " +
                       $"warm up; DARTS has none), batch {c.BatchSize}, search-train/search-valid images " +
                       $"{Limit(c.TrainLimit)}/{Limit(c.ValidLimit)}, ablation subset {F(c.ValidFraction * 100, 0)}% " +
                       $"of search-valid per epoch (unless the variant changes it), {c.Threads} torch " +
                       $"thread{(c.Threads == 1 ? "" : "s")} per search, device {MarkdownText.Text(c.Device)}.");
        doc.AppendLine($"- Variants: {string.Join("; ", d.Variants.Select(v =>
            $"{MarkdownText.Code(v.Name)} = {MarkdownText.Text(v.Label)}"))}.");
        doc.AppendLine($"- {(plan.Seeds == 1 ? "Seed 0" : $"Seeds 0–{plan.Seeds - 1}")}: {plan.Specs.Count} " +
            "searches, each in `runs/<variant>-s<seed>/`.");
        var byState = outcomes.GroupBy(o => o.State).ToDictionary(g => g.Key, g => g.ToList());
        doc.AppendLine($"- Finished: {byState.GetValueOrDefault(RunState.Finished)?.Count ?? 0} of {outcomes.Count}." +
                       Listed(byState, RunState.Unfinished, "unfinished",
                           o => $"{o.Spec.Name} ({o.EpochsDone}/{o.Spec.Config.Epochs} epochs)") +
                       Listed(byState, RunState.Running, "running",
                           o => $"{o.Spec.Name} ({o.EpochsDone}/{o.Spec.Config.Epochs} epochs)") +
                       Listed(byState, RunState.Interrupted, "interrupted",
                           o => $"{o.Spec.Name} ({o.EpochsDone}/{o.Spec.Config.Epochs} epochs)") +
                       Listed(byState, RunState.NotStarted, "not started", o => o.Spec.Name) +
                       Listed(byState, RunState.Failed, "failed",
                           o => o.Problem is { } why ? $"{o.Spec.Name} ({why})" : o.Spec.Name) +
                       Listed(byState, RunState.Unreadable, "unreadable", o => $"{o.Spec.Name}: {o.Problem}"));
        doc.AppendLine(table is null
            ? "- NB201 accuracies: from each run's `result.json` (no table was given to this summary)."
            : $"- NB201 accuracies: 200-epoch test accuracy (%) looked up in {MarkdownText.Path(table.Source)} " +
                $"({table.Count:N0} cells).");
        doc.AppendLine("- Rebuild this page at any time with " +
            $"{MarkdownText.Path($"vpdarts experiment collect {dir.Root}")}; it counts whatever has finished.");
        doc.AppendLine();
    }

    private static string Listed(Dictionary<RunState, List<RunOutcome>> byState, RunState state, string what,
        Func<RunOutcome, string> show) =>
        byState.TryGetValue(state, out var list) ? $" {char.ToUpperInvariant(what[0])}{what[1..]}: " +
            $"{string.Join(", ", list.Select(o => MarkdownText.Text(show(o))))}." : "";

    private static string Limit(int? limit) => limit?.ToString(CultureInfo.InvariantCulture) ?? "all";

    private static void RunsSection(StringBuilder doc, IReadOnlyList<RunOutcome> outcomes)
    {
        doc.AppendLine("## Runs").AppendLine();
        var rows = outcomes.Select(o => new[]
        {
            o.Spec.Name, o.State == RunState.Failed && o.Problem is { } why ? $"Failed: {why}" : o.State.ToString(),
            o.Arch is null ? "–" : MarkdownText.Code(o.Arch.ToString(), inTable: true),
            o.Arch?.SkipConnectCount.ToString(CultureInfo.InvariantCulture) ?? "–", Acc(o, Nb201Dataset.Cifar10),
            Acc(o, Nb201Dataset.Cifar100), Acc(o, Nb201Dataset.ImageNet16_120),
            o.SearchSeconds is { } s ? F(s / 60, 1) : "–",
        });
        doc.Append(MarkdownTable(["run", "state", "cell", "skips", "CIFAR-10", "CIFAR-100", "ImageNet16-120",
            "search (min)"], rows, markdownColumns: [2])).AppendLine();
        doc.AppendLine("`runs.csv` holds the same rows.");
    }

    private static string Acc(RunOutcome o, Nb201Dataset d) => o.Scores is { } s ? F(s[d], 2) : "–";

    private static string RunsCsv(IReadOnlyList<RunOutcome> outcomes)
    {
        var csv = new StringBuilder("run,variant,seed,state,arch,skip_count,cifar10_test,cifar100_test," +
            "imagenet16_120_test,search_seconds,problem\n");
        foreach (var o in outcomes)
            csv.AppendLine(string.Join(',', CsvText.Cell(o.Spec.Name), CsvText.Cell(o.Spec.Variant.Name),
                o.Spec.Seed.ToString(CultureInfo.InvariantCulture), o.State.ToString().ToLowerInvariant(),
                o.Arch?.ToString() ?? "", o.Arch?.SkipConnectCount.ToString(CultureInfo.InvariantCulture) ?? "",
                Csv(o.Scores?.Cifar10), Csv(o.Scores?.Cifar100), Csv(o.Scores?.ImageNet16_120), Csv(o.SearchSeconds),
                    CsvText.Cell(o.Problem)));
        return csv.ToString();
    }

    /// <summary>A number for a CSV cell: invariant culture, round-trip precision; empty for null or NaN.</summary>
    internal static string Csv(double? value) =>
        value is { } v && !double.IsNaN(v) ? v.ToString("R", CultureInfo.InvariantCulture) : "";

    /// <summary>A number with <paramref name="decimals"/> decimals, invariant culture; <c>–</c> for NaN.</summary>
    internal static string F(double value, int decimals) =>
        double.IsNaN(value) ? "–" : value.ToString("F" + decimals, CultureInfo.InvariantCulture);

    /// <summary>
    /// A GitHub-flavoured Markdown table (its headers written as they are) of plain-text cells, each escaped
    /// (<see cref="MarkdownText.Text"/>), except those of <paramref name="markdownColumns"/>, which hold Markdown made
    /// for a table cell already.
    /// </summary>
    internal static string MarkdownTable(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows,
        IReadOnlyCollection<int>? markdownColumns = null)
    {
        var text = new StringBuilder();
        text.AppendLine("| " + string.Join(" | ", headers) + " |");
        text.AppendLine("|" + string.Concat(headers.Select(_ => "---|")));
        foreach (var row in rows)
            text.AppendLine("| " + string.Join(" | ",
                row.Select((c, i) => markdownColumns?.Contains(i) == true ? c : MarkdownText.Text(c))) + " |");
        return text.ToString();
    }
}
