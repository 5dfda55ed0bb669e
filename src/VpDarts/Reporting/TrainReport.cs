using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using VpDarts.Reporting.Figures;
using VpDarts.Runtime;

namespace VpDarts.Reporting;

/// <summary>
/// The report of a training run folder (written by <c>vpdarts train</c>): <c>report.md</c> with the settings, the
/// test result, the exported model and <c>figures/curves.png</c>, from the folder's files alone, so it can be
/// rebuilt at any time, also while the run is still going. <see cref="RunReport.Write"/> hands train runs here.
/// </summary>
public static class TrainReport
{
    /// <summary>Whether <paramref name="runDir"/> holds a training run (its <c>config.json</c> names an <c>arch</c>).</summary>
    public static bool IsTrainRun(string runDir)
    {
        var config = Path.Combine(Path.GetFullPath(runDir), "config.json");
        if (!File.Exists(config)) return false;
        try { return JsonNode.Parse(File.ReadAllText(config)) is JsonObject o && o.ContainsKey("arch") && !o.ContainsKey("method"); }
        catch (Exception e) when (e is JsonException or IOException) { return false; }
    }

    /// <summary>Writes <c>report.md</c> and <c>figures/curves.png</c> for the training run in <paramref name="runDir"/>.</summary>
    /// <exception cref="UserInputException">The folder has no metrics yet or a run file is malformed; the message names the file.</exception>
    public static RunReportOutput Write(string runDir)
    {
        var root = Path.GetFullPath(runDir);
        var config = Read(Path.Combine(root, "config.json"));
        var result = Read(Path.Combine(root, "result.json"));
        var epochs = ReadMetrics(Path.Combine(root, "metrics.jsonl"));
        var testAccuracy = result?.Number("test_acc");
        var figure = Path.Combine(root, RunReport.FiguresFolder, "curves.png");
        TrainCurvesFigure.Write(figure, epochs, testAccuracy);

        var md = new StringBuilder();
        void Line(string text = "") => md.Append(text).Append('\n');
        var arch = config?.Text("arch") ?? "unknown cell";
        Line($"# Training report: {config?.Text("dataset") ?? "unknown data set"}");
        Line();
        Line($"Cell: `{arch}`. Run folder: `{root}`. Regenerate with `vpdarts report {root}`; epochs are counted from 1.");
        Line();
        if (result is null)
        {
            Line($"> **The run has not finished**: there is no `result.json`. This report covers the {epochs.Count} epoch(s) recorded so far" +
                 $"{(config?.Integer("epochs") is { } planned ? $" of {planned} planned" : "")}.");
            Line();
        }
        else
        {
            Line("## Result");
            Line();
            Line("| | |");
            Line("|---|---|");
            Line($"| test accuracy | {F(testAccuracy, "F2")} % on {F(result.Number("test_images"), "F0")} test images |");
            Line($"| test loss | {F(result.Number("test_loss"), "F4")} |");
            Line($"| parameters | {F(result.Number("params"), "N0")} |");
            Line($"| training images | {F(result.Number("train_images"), "F0")} |");
            Line($"| training time | {F(result.Number("train_seconds"), "F1")} s (+ {F(result.Number("eval_seconds"), "F1")} s test evaluation) |");
            Line($"| exported model | `{result.Text("model") ?? "model"}/` (model.safetensors, model.bin, model.json; see docs/MODEL_FORMAT.md) |");
            Line();
        }
        Line("## Settings");
        Line();
        Line("| key | value |");
        Line("|---|---|");
        foreach (var (key, value) in config?.Object ?? [])
            Line($"| {key} | {Cell(value is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : value?.ToJsonString() ?? "null")} |");
        Line();
        Line("## Loss, accuracy and learning rate");
        Line();
        Line("![Training curves](figures/curves.png)");
        Line();
        Line("Mean loss and accuracy of the training steps of each epoch (random crop and flip, weights changing during the epoch); " +
             "the dashed level is the test accuracy of the final network (evaluation mode, no augmentation).");
        Line();
        Line("## Per-epoch metrics");
        Line();
        Line("| epoch | lr | train loss | train acc (%) | images/s | seconds |");
        Line("|---:|---:|---:|---:|---:|---:|");
        foreach (var m in epochs)
            Line($"| {m.Number} | {F(m.Lr, "G4")} | {F(m.TrainLoss, "F3")} | {F(m.TrainAcc, "F1")} | {F(m.ImagesPerSecond, "F0")} | {F(m.Seconds, "F1")} |");
        var reportPath = Path.Combine(root, RunReport.ReportFile);
        AtomicFile.WriteAllText(reportPath, md.ToString());
        return new RunReportOutput(reportPath, [figure], [], result is not null);
    }

    private static JsonFields? Read(string path) => File.Exists(path) ? JsonFields.Parse(ReadText(path), path) : null;

    private static List<TrainEpoch> ReadMetrics(string path)
    {
        if (!File.Exists(path)) throw new UserInputException($"{path}: not found (is {Path.GetDirectoryName(path)} a run folder?)");
        var lines = ReadText(path).Split('\n');
        var epochs = new List<TrainEpoch>();
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].Trim().Length == 0) continue;
            var f = JsonFields.Parse(lines[i], $"{path}:{i + 1}");
            epochs.Add(new TrainEpoch(f.Integer("epoch") ?? throw f.Error("epoch", "is missing"), f.Number("lr"), f.Number("train_loss"),
                f.Number("train_acc"), f.Number("images_per_s"), f.Number("seconds")));
        }
        if (epochs.Count == 0) throw new UserInputException($"{path}: no epochs recorded yet");
        return epochs;
    }

    private static string ReadText(string path)
    {
        try { return File.ReadAllText(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UserInputException($"{path}: cannot read ({e.Message.Split('\n')[0].Trim()})", e);
        }
    }

    private static string F(double? value, string format) =>
        value is { } v && double.IsFinite(v) ? v.ToString(format, CultureInfo.InvariantCulture) : "—";

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}
