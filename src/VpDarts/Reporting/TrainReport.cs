using System.Text.Json.Nodes;
using VpDarts.Reporting.Figures;
using VpDarts.Runs;
using VpDarts.Runtime;

namespace VpDarts.Reporting;

/// <summary>
/// The report of a training run folder (written by <c>vpdarts train</c>): <c>report.md</c> with the settings, the
/// test result, the exported model and <c>figures/curves.png</c> (with <c>curves.svg</c> beside it), from the folder's
/// files alone, so it can be rebuilt at any time, also while the run is still going. <see cref="RunReport.Write"/>
/// hands train runs here.
/// </summary>
public static class TrainReport
{
    /// <summary>Whether <paramref name="runDir"/> holds a training run (its <c>config.json</c> names an
    /// <c>arch</c>).</summary>
    public static bool IsTrainRun(string runDir)
    {
        var config = Path.Combine(Path.GetFullPath(runDir), "config.json");
        if (!File.Exists(config)) return false;
        try
        {
            return JsonNode.Parse(File.ReadAllText(config)) is JsonObject o && o.ContainsKey("arch")
                && !o.ContainsKey("method");
        }
        catch (Exception e) when (e is JsonException or IOException) { return false; }
    }

    /// <summary>Writes <c>report.md</c> and <c>figures/curves.png</c> for the training run in
    /// <paramref name="runDir"/>.</summary>
    /// <exception cref="UserInputException">The folder holds no run, has no metrics yet or a run file is malformed; the
    /// message names the file.</exception>
    public static RunReportOutput Write(string runDir)
    {
        var root = RunRecord.RequireRunFolder(runDir);
        var run = new RunDirectory(root);
        RunReport.RemoveStaleTemporaries(root);
        var config = File.Exists(run.ConfigPath)
            ? RunJson.ParseObject(RunRecord.ReadText(run.ConfigPath), run.ConfigPath) : null;
        var result = File.Exists(run.ResultPath)
            ? RunJson.Parse<TrainResultRecord>(RunRecord.ReadText(run.ResultPath), run.ResultPath) : null;
        if (!File.Exists(run.MetricsPath))
            throw new UserInputException($"{run.MetricsPath}: not found (is {root} a run folder?)");
        var epochs = RunRecord.ReadLines<TrainEpochRecord>(run.MetricsPath);
        var testAccuracy = result?.TestAcc;
        var figure = Path.Combine(root, RunReport.FiguresFolder, "curves.png");
        TrainCurvesFigure.Write(figure, epochs, testAccuracy);

        var md = new StringBuilder();
        void Line(string text = "") => md.Append(text).Append('\n');
        var arch = Setting(config, "arch") is { } recorded ? MarkdownText.Arch(recorded) : "unknown";
        Line($"# Training report: {MarkdownText.Text(Setting(config, "dataset") ?? "unknown data set")}");
        Line();
        Line($"Cell: {arch}. Run folder: {MarkdownText.Path(root)}. Regenerate with " +
            $"{MarkdownText.Path($"vpdarts report {ShellWord.Of(root)}")}; epochs are counted from 1.");
        Line();
        if (result is null)
        {
            Line($"> **The run has not finished**: there is no `result.json`. This report covers the {epochs.Count} " +
                 "epoch(s) recorded so far" +
                 $"{(Setting(config, "epochs") is { } planned ? $" of {planned} planned" : "")}.");
            Line();
        }
        else
        {
            Line("## Result");
            Line();
            Line("| | |");
            Line("|---|---|");
            Line($"| test accuracy | {F(testAccuracy, "F2")} % on {F(result.TestImages, "F0")} test images |");
            Line($"| test loss | {F(result.TestLoss, "F4")} |");
            Line($"| parameters | {F(result.Parameters, "N0")} |");
            Line($"| training images | {F(result.TrainImages, "F0")} |");
            Line($"| training time | {F(result.TrainSeconds, "F1")} s (+ {F(result.EvalSeconds, "F1")} s " +
                "test evaluation) |");
            Line($"| exported model | {MarkdownText.Code($"{result.Model ?? "model"}/", inTable: true)} " +
                "(model.safetensors, model.bin, model.json; see docs/MODEL_FORMAT.md) |");
            Line();
        }
        Line("## Settings");
        Line();
        Line("| key | value |");
        Line("|---|---|");
        foreach (var (key, _) in config ?? [])
            if (key != RunProvenance.Key) Line($"| {Cell(key)} | {Cell(Setting(config, key) ?? "null")} |");
        Line();
        ProvenanceTable.Write(config, text => Line(text), Cell);
        Line("## Loss, accuracy and learning rate");
        Line();
        Line("![Training curves](figures/curves.png)");
        Line();
        Line("Mean loss and accuracy of the training steps of each epoch (random crop and flip, weights changing " +
             "during the epoch); the dashed level is the test accuracy of the final network (evaluation mode, no " +
             "augmentation). The figure is also in `figures/curves.svg`; the same series are in `tensorboard/`.");
        Line();
        Line("## Per-epoch metrics");
        Line();
        Line("| epoch | lr | train loss | train acc (%) | images/s | seconds |");
        Line("|---:|---:|---:|---:|---:|---:|");
        foreach (var m in epochs)
            Line($"| {m.Number} | {F(m.Lr, "G4")} | {F(m.TrainLoss, "F3")} | {F(m.TrainAcc, "F1")} | " +
                $"{F(m.ImagesPerSecond, "F0")} | {F(m.Seconds, "F1")} |");
        var reportPath = Path.Combine(root, RunReport.ReportFile);
        AtomicFile.WriteAllText(reportPath, md.ToString());
        return new RunReportOutput(reportPath, [figure], [], result is not null);
    }

    /// <summary>A key of <c>config.json</c> as text, or null.</summary>
    private static string? Setting(JsonObject? config, string key) => config?[key] switch
    {
        null => null,
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        var node => node.ToJsonString(),
    };

    private static string F(double? value, string format) =>
        value is { } v && double.IsFinite(v) ? v.ToString(format, CultureInfo.InvariantCulture) : "—";

    private static string Cell(string text) => MarkdownText.Text(text);
}
