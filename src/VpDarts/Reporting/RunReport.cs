using VpDarts.Benchmark;
using VpDarts.Methods;
using VpDarts.Reporting.Figures;
using VpDarts.Runs;
using VpDarts.Runtime;
using VpDarts.SearchSpace;

namespace VpDarts.Reporting;

/// <summary>
/// Writes a run's report: <c>report.md</c> and figures (PNG, and SVG beside each) in <c>figures/</c>, from the run
/// folder's <c>config.json</c>, <c>metrics.jsonl</c> and (once the run has finished) <c>result.json</c> alone, so it
/// can be regenerated at any time, also while the search is still running. Every file is written atomically.
/// </summary>
public static class RunReport
{
    /// <summary>File name of the report inside the run folder.</summary>
    public const string ReportFile = "report.md";

    /// <summary>Folder of the figures inside the run folder.</summary>
    public const string FiguresFolder = "figures";

    /// <summary>
    /// Writes <c>report.md</c> and the figures of a run folder. A training run's folder (see
    /// <see cref="TrainReport.IsTrainRun"/>) gets <see cref="TrainReport"/>'s report; a search run's, the figures
    /// <c>cell.png</c>, <c>alpha.png</c>, <c>importance.png</c> (the final selection's), <c>importance-epoch.png</c>
    /// (the last measuring epoch's), <c>curves.png</c> and <c>pruning.png</c>, each also as SVG, for the run in
    /// <paramref name="runDir"/>. With <paramref name="table"/>, cells the run did not score are looked up, and
    /// percentiles and ranks are added.
    /// </summary>
    /// <exception cref="UserInputException">
    /// The folder is missing or holds no vpdarts run, has no <c>metrics.jsonl</c> or no epoch in it, or a run file is
    /// malformed; the message names the file (and the line, for <c>metrics.jsonl</c>).
    /// </exception>
    public static RunReportOutput Write(string runDir, Nb201Table? table = null)
    {
        RunRecord.RequireRunFolder(runDir);
        if (TrainReport.IsTrainRun(runDir)) return TrainReport.Write(runDir);
        var run = RunRecord.Load(runDir);
        var figuresDir = Path.Combine(run.Root, FiguresFolder);
        RemoveStaleTemporaries(run.Root);
        var outcomes = new List<FigureOutcome>
        {
            Draw(figuresDir, "cell.png", "Cell", "", () => DrawCell(run)),
            Draw(figuresDir, "alpha.png", "Architecture weights α per edge",
                "α of every operation on each edge at the end of each epoch (raw parameters, before any softmax or " +
                "pruning decay).", () => AlphaFigure.Write(Path.Combine(figuresDir, "alpha.png"), run.Epochs)
                    ? null : "no epoch recorded α"),
            Draw(figuresDir, FinalImportanceFile, "Operation importance of the final selection",
                ImportanceCaption(FinalImportance(run), "the outlined op on each edge is the final cell's"),
                () => DrawImportance(FinalImportance(run), figuresDir, () => FinalImportanceSkip(run))),
            Draw(figuresDir, EpochImportanceFile, "Operation importance of the last epoch that measured it",
                ImportanceCaption(EpochImportance(run), "the outlined op on each edge is the one that epoch kept, " +
                                                        "dashed ops the ones it pruned (its own decision, which the " +
                                                        "final cell need not repeat)"),
                () => DrawImportance(EpochImportance(run), figuresDir,
                    () => "no epoch measured operation importance" + NotMeasured(run))),
            Draw(figuresDir, "curves.png", "Loss and accuracy",
                "Mean loss and accuracy of the weight steps (train) and of the architecture steps (valid) per epoch; " +
                "warm-up epochs shaded.",
                () => { CurvesFigure.Write(Path.Combine(figuresDir, "curves.png"), run.Epochs); return null; }),
            Draw(figuresDir, "pruning.png", "Pruning strength and skip_connect count",
                "Bars: 1 − decay factor applied to the pruned α in each epoch (0 where nothing was pruned), labelled " +
                "with the number of pruned operations. Line (right axis): skip_connect edges in the cell " +
                "after each epoch.",
                () => { PruningFigure.Write(Path.Combine(figuresDir, "pruning.png"), run.Epochs); return null; }),
        };

        var reportPath = Path.Combine(run.Root, ReportFile);
        AtomicFile.WriteAllText(reportPath, new ReportMarkdown(run, table, outcomes).Build());
        return new RunReportOutput(reportPath,
            outcomes.Where(o => o.SkipReason is null).Select(o => Path.Combine(figuresDir, o.File)).ToList(),
            outcomes.Where(o => o.SkipReason is not null).Select(o => $"{o.File}: {o.SkipReason}").ToList(),
            run.Finished);
    }

    /// <summary>
    /// Removes the temporaries that a report (or a run) killed while it wrote left in the run folder and in
    /// <c>figures/</c>; those of processes still running are kept.
    /// </summary>
    internal static void RemoveStaleTemporaries(string root)
    {
        AtomicFile.RemoveStaleTemporariesIn(root);
        AtomicFile.RemoveStaleTemporariesIn(Path.Combine(root, FiguresFolder));
    }

    /// <summary>
    /// Draws one figure; a skipped figure's stale file from an earlier report is removed. Values the plotting library
    /// cannot scale (e.g. an α of 1e308) skip the figure with a reason rather than fail the report.
    /// </summary>
    private static FigureOutcome Draw(string folder, string file, string title, string caption, Func<string?> draw)
    {
        string? skip;
        try { skip = draw(); }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException
            or ArithmeticException) { skip = "values out of range"; }
        if (skip is not null)
        {
            var stale = Path.Combine(folder, file);
            foreach (var path in new[] { stale, Canvas.SvgPath(stale) })
                if (File.Exists(path)) File.Delete(path);
        }
        return new FigureOutcome(file, title, caption, skip);
    }

    private static string? DrawCell(RunRecord run)
    {
        if (run.Cell is not { } cell) return "no valid arch string was recorded";
        var title = run.Finished ? "Final cell" : $"Cell after epoch {run.Last!.Number} (run not finished)";
        CellFigure.Write(Path.Combine(run.Root, FiguresFolder, "cell.png"), cell, title);
        return null;
    }

    /// <summary>File name of the final selection's importance figure inside <c>figures/</c>.</summary>
    internal const string FinalImportanceFile = "importance.png";

    /// <summary>File name of the last measuring epoch's importance figure inside <c>figures/</c>.</summary>
    internal const string EpochImportanceFile = "importance-epoch.png";

    /// <summary>
    /// The final selection's importance (<c>result.json</c> <c>final_importance</c>) with the final cell's ops
    /// outlined; null when the run has not finished or its method measured none.
    /// </summary>
    internal static ImportanceFigureData? FinalImportance(RunRecord run) =>
        run.Result is { FinalImportance: { } final } result
            ? new ImportanceFigureData(FinalImportanceFile, EdgeMatrix.ToArray(final), result.FinalImportanceCriterion,
                "Importance measured for the final selection", CellOps(result.Arch), [])
            : null;

    /// <summary>
    /// The importance of the last epoch that measured one, with the ops that epoch kept outlined and the ones it
    /// pruned marked; null when no epoch measured importance.
    /// </summary>
    internal static ImportanceFigureData? EpochImportance(RunRecord run) =>
        run.Epochs.LastOrDefault(m => m.Importance is not null) is { } m
            ? new ImportanceFigureData(EpochImportanceFile, EdgeMatrix.ToArray(m.Importance!), m.ImportanceCriterion,
                $"Importance measured at the start of epoch {m.Number}", CellOps(m.Kept ?? m.Arch), m.Pruned ?? [])
            : null;

    /// <summary>The (edge, op) pairs of an arch string; none when it is missing or not a valid cell.</summary>
    private static IReadOnlyList<EdgeOp> CellOps(string? arch) =>
        Genotype.TryParse(arch, out var cell, out _)
            ? Enumerable.Range(0, CellTopology.EdgeCount).Select(e => new EdgeOp(e, (int)cell![e])).ToList()
            : [];

    private static string FinalImportanceSkip(RunRecord run) => run.Finished
        ? "result.json has no final importance" + NotMeasured(run)
        : "the run has not finished, so there is no final selection yet";

    private static string NotMeasured(RunRecord run) =>
        SearchMethod.Find(run.Result?.Method ?? run.Setting("method"))
            is MethodModule { FinalSelectionAblates: false } m
            ? $" ({m.Name} does not measure it)" : "";

    private static string ImportanceCaption(ImportanceFigureData? figure, string outline) => figure is null
        ? ""
        : $"Values: {MarkdownText.Text(ImportanceFigure.Describe(figure.Criterion))}. Rows are edges (to<-from), " +
            $"columns operations; {outline}; " +
          "grey cells were not measured.";

    private static string? DrawImportance(ImportanceFigureData? figure, string folder, Func<string> skipReason)
    {
        if (figure is null) return skipReason();
        ImportanceFigure.Write(Path.Combine(folder, figure.File), figure);
        return null;
    }
}
