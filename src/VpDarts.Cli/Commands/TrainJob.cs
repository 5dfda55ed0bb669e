using System.Globalization;
using VpDarts.Export;
using VpDarts.Reporting;
using VpDarts.Runs;
using VpDarts.Training;

namespace VpDarts.Cli.Commands;

/// <summary>What <c>train</c> and <c>search --then-train</c> share: data, the run, the summary.</summary>
internal static class TrainJob
{
    /// <summary>
    /// Trains (or, when <paramref name="resuming"/>, continues after checking the run's record and data) the run in
    /// <paramref name="run"/>; <paramref name="resumeCommand"/> is named when the run is stopped. A new run records
    /// <paramref name="arguments"/> as its command line.
    /// </summary>
    public static int Run(IAnsiConsole console, TrainConfig config, RunDirectory run, string resumeCommand,
        bool resuming, IReadOnlyList<string> arguments, CancellationToken cancel)
    {
        if (resuming) TrainRun.CheckRecord(run, config.Resolved());  // before the data is loaded or anything is written
        IRunProgress progress = Output.IsTerminal(console)
            ? new TerminalProgress(console) : new LineProgress(console.Profile.Out.Writer);
        Output.Line(console, $"vpdarts train {config.Arch} on {config.Dataset}: N={config.Layers} " +
                             $"C={config.Channels}, {config.Epochs} epochs, batch {config.BatchSize}, lr " +
                             $"{config.Lr.ToString(CultureInfo.InvariantCulture)}, seed {config.Seed}, " +
                             $"{config.Threads} threads");
        using var data = Output.PrepareRun(console, run, arguments, config.Device, config.Threads,
            () => TrainData.Load(config),
            d => $"{d.Train.Name}, {d.TrainRows.Length} training / {d.Test.Count} test images, " +
                $"{d.Train.ClassCount} classes",
            resuming ? d => RunRecordCheck.CheckData(run, d.Fingerprint) : null);

        using var stop = new StopSignals(cancel);
        TrainResult result;
        // opened with the first epoch, so a refused or finished resume writes no event file
        TensorBoardLog? tensorboard = null;
        try
        {
            result = new TrainRun(config, data, run, progress)
            {
                OnEpoch = epoch => (tensorboard ??= new TensorBoardLog(run.Root)).Write(epoch)
            }.Execute(stop.Token);
        }
        catch (OperationCanceledException)
        {
            Output.Line(console, $"stopped; the last finished epoch is checkpointed. Resume with: {resumeCommand}");
            return 130;
        }
        finally
        {
            tensorboard?.Dispose();
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
