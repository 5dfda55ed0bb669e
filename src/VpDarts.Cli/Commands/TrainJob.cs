using System.Globalization;
using VpDarts.Export;
using VpDarts.Reporting;
using VpDarts.Runs;
using VpDarts.Training;

namespace VpDarts.Cli.Commands;

/// <summary>What <c>train</c> and <c>search --then-train</c> share: data, the run, the summary.</summary>
internal static class TrainJob
{
    public static int Run(IAnsiConsole console, TrainConfig config, RunDirectory run, string resumeCommand, CancellationToken cancel)
    {
        IRunProgress progress = Output.IsTerminal(console) ? new TerminalProgress(console) : new LineProgress(console.Profile.Out.Writer);
        Output.Line(console, $"vpdarts train {config.Arch} on {config.Dataset}: N={config.Layers} C={config.Channels}, {config.Epochs} epochs, " +
                             $"batch {config.BatchSize}, lr {config.Lr.ToString(CultureInfo.InvariantCulture)}, seed {config.Seed}, {config.Threads} threads");
        using var data = Output.PrepareRun(console, run, config.Device, config.Threads, () => TrainData.Load(config),
            d => $"{d.Train.Name}, {d.TrainRows.Length} training / {d.Test.Count} test images, {d.Train.ClassCount} classes");

        using var stop = new StopSignals(cancel);
        TrainResult result;
        try
        {
            using var tensorboard = new TensorBoardLog(run.Root);
            result = new TrainRun(config, data, run, progress) { OnEpoch = tensorboard.Write }.Execute(stop.Token);
        }
        catch (OperationCanceledException)
        {
            Output.Line(console, $"stopped; the last finished epoch is checkpointed. Resume with: {resumeCommand}");
            return 130;
        }
        finally
        {
            (progress as TerminalProgress)?.Finish();
        }
        OnnxExport.WriteBeside(result.ModelDirectory);
        var report = RunReport.Write(run.Root);
        var rows = new List<(string, string)>
        {
            ("arch", result.Arch.ToString()),
            ("test accuracy", $"{Output.F2(result.TestAccuracy)} % ({data.Test.Count} images)"),
            ("test loss", result.TestLoss.ToString("F4", CultureInfo.InvariantCulture)),
            ("parameters", result.Parameters.ToString("N0", CultureInfo.InvariantCulture)),
            ("train time", LineProgress.FormatEta(TimeSpan.FromSeconds(result.TrainSeconds))),
            ("model folder", result.ModelDirectory),
            ("report", report.ReportPath),
        };
        Output.Summary(console, rows);
        return 0;
    }
}
