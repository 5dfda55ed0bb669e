using VpDarts.Benchmark;
using VpDarts.Reporting.Figures;
using VpDarts.Runs;
using VpDarts.Runtime;

namespace VpDarts.Reporting;

/// <summary>
/// Writes a run's report: <c>report.md</c> and PNG figures in <c>figures/</c>, from the run folder's
/// <c>config.json</c>, <c>metrics.jsonl</c> and (once the run has finished) <c>result.json</c> alone, so it can be
/// regenerated at any time, also while the search is still running. Every file is written atomically.
/// </summary>
public static class RunReport
{
    /// <summary>File name of the report inside the run folder.</summary>
    public const string ReportFile = "report.md";

    /// <summary>Folder of the figures inside the run folder.</summary>
    public const string FiguresFolder = "figures";

    /// <summary>
    /// Writes <c>report.md</c> and the figures of a run folder. A training run's folder (see
    /// <see cref="TrainReport.IsTrainRun"/>) gets <see cref="TrainReport"/>'s report; a search run's, the figures <c>alpha.png</c>, <c>importance.png</c>, <c>curves.png</c>,
    /// <c>pruning.png</c> and <c>cell.png</c> for the run in <paramref name="runDir"/>. With <paramref name="table"/>,
    /// cells the run did not score are looked up, and percentiles and ranks are added.
    /// </summary>
    /// <exception cref="UserInputException">
    /// The folder is missing, has no <c>metrics.jsonl</c> or no epoch in it, or a run file is malformed; the message
    /// names the file (and the line, for <c>metrics.jsonl</c>).
    /// </exception>
    public static RunReportOutput Write(string runDir, Nb201Table? table = null)
    {
        if (!string.IsNullOrWhiteSpace(runDir) && TrainReport.IsTrainRun(runDir)) return TrainReport.Write(runDir);
        var run = RunRecord.Load(runDir);
        var figuresDir = Path.Combine(run.Root, FiguresFolder);
        var outcomes = new List<FigureOutcome>
        {
            Draw(figuresDir, "cell.png", "Cell", "", () => DrawCell(run)),
            Draw(figuresDir, "alpha.png", "Architecture weights α per edge",
                "α of every operation on each edge at the end of each epoch (raw parameters, before any softmax or pruning decay).",
                () => AlphaFigure.Write(Path.Combine(figuresDir, "alpha.png"), run.Epochs) ? null : "no epoch recorded α"),
            Draw(figuresDir, "importance.png", "Operation importance", ImportanceCaption(run), () => DrawImportance(run, figuresDir)),
            Draw(figuresDir, "curves.png", "Loss and accuracy",
                "Mean loss and accuracy of the weight steps (train) and of the architecture steps (valid) per epoch; warm-up epochs shaded.",
                () => { CurvesFigure.Write(Path.Combine(figuresDir, "curves.png"), run.Epochs); return null; }),
            Draw(figuresDir, "pruning.png", "Pruning strength and skip_connect count",
                "Bars: 1 − decay factor applied to the pruned α in each epoch (0 where nothing was pruned), labelled with the number " +
                "of pruned operations. Line (right axis): skip_connect edges in the cell after each epoch.",
                () => { PruningFigure.Write(Path.Combine(figuresDir, "pruning.png"), run.Epochs); return null; }),
        };

        var reportPath = Path.Combine(run.Root, ReportFile);
        AtomicFile.WriteAllText(reportPath, new ReportMarkdown(run, table, outcomes).Build());
        return new RunReportOutput(reportPath,
            outcomes.Where(o => o.SkipReason is null).Select(o => Path.Combine(figuresDir, o.File)).ToList(),
            outcomes.Where(o => o.SkipReason is not null).Select(o => $"{o.File}: {o.SkipReason}").ToList(),
            run.Finished);
    }

    /// <summary>Draws one figure; a skipped figure's stale file from an earlier report is removed.</summary>
    private static FigureOutcome Draw(string folder, string file, string title, string caption, Func<string?> draw)
    {
        var skip = draw();
        if (skip is not null)
        {
            var stale = Path.Combine(folder, file);
            if (File.Exists(stale)) File.Delete(stale);
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

    /// <summary>The importance matrix shown: the last epoch that measured one, else the final selection's.</summary>
    private static (double[,] Matrix, string? Criterion, string Title, string? Cell)? ImportanceSource(RunRecord run)
    {
        if (run.Epochs.LastOrDefault(m => m.Importance is not null) is { } m)
            return (EdgeMatrix.ToArray(m.Importance!), m.ImportanceCriterion, $"Importance measured at the start of epoch {m.Number}", m.Kept ?? m.Arch);
        if (run.Result?.FinalImportance is { } final)
            return (EdgeMatrix.ToArray(final), run.Result.FinalImportanceCriterion, "Importance measured for the final selection", run.Result.Arch);
        return null;
    }

    private static string ImportanceCaption(RunRecord run) => ImportanceSource(run) is { } s
        ? $"Values: {ImportanceFigure.Describe(s.Criterion)}. Rows are edges (to<-from), columns operations; the outlined " +
          "op on each edge is the one the cell keeps; grey cells were not measured."
        : "";

    private static string? DrawImportance(RunRecord run, string folder)
    {
        if (ImportanceSource(run) is not { } s)
            return $"no epoch measured operation importance{(run.Finished ? " and result.json has no final importance" : " yet")}" +
                   (Runs.OptionNames.Find<Runs.SearchMethod>(run.Result?.Method ?? run.Setting("method")) is { } m && !Runs.MethodDefaults.WarmsUp(m)
                       ? $" ({Runs.OptionNames.Name(m)} does not measure it)" : "");
        SearchSpace.Genotype.TryParse(s.Cell, out var cell, out _);
        ImportanceFigure.Write(Path.Combine(folder, "importance.png"), s.Matrix, s.Criterion, s.Title, cell);
        return null;
    }
}
