using VpDarts.Runs;
using VpDarts.Runtime;

namespace VpDarts.Cli.Commands;

/// <summary><c>vpdarts train</c>: trains a cell's network from scratch (or resumes), evaluates it and exports
/// it.</summary>
public sealed class TrainCommand(IAnsiConsole console, GivenArguments arguments) : TorchCommand<TrainSettings>
{
    private const string BestCell =
        "|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|skip_connect~0|nor_conv_3x3~1|nor_conv_3x3~2|";

    /// <summary>Adds the command to the application.</summary>
    public static void Register(IConfigurator config) =>
        config.AddCommand<TrainCommand>("train")
            .WithDescription("Train a cell's network from scratch, evaluate it on the test split and export it " +
                             "(model/: safetensors, TorchSharp, ONNX, model.json); writes config.json, " +
                             "metrics.jsonl, result.json, checkpoints and report.md.")
            .WithExample("train", "--arch", BestCell, "--preset", "cpu")
            .WithExample("train", "--arch", BestCell, "--preset", "paper", "--device", "cuda", "--out",
                "runs/train-best")
            .WithExample("train", "--arch", BestCell, "--dataset", "folder:data/pets", "--epochs", "30",
                "--train-limit", "5000")
            .WithExample("train", "--resume", "runs/train-best");

    /// <inheritdoc />
    protected override int ExecuteWithTorch(CommandContext context, TrainSettings settings,
        CancellationToken cancellationToken)
    {
        if (settings.PrintConfig)
        {
            var printed = settings.Resume is null ? settings.BuildConfig() : Resumed(settings.ResumedRun());
            return settings.Print(console, printed.Validate().Resolved(), arguments.Values);
        }
        var (config, run) = Prepare(settings);
        using (run)
        {
            var resume = $"vpdarts train --resume {ShellWord.Of(run.Root)}";
            var resuming = settings.Resume is not null;
            return TrainJob.Run(console, config, run, resume, resuming, arguments.Values, cancellationToken);
        }
    }

    /// <summary>Config and run folder for a new run or a resumed one (options given with --resume must
    /// agree).</summary>
    private static (TrainConfig, RunDirectory) Prepare(TrainSettings settings)
    {
        if (settings.Resume is null)
        {
            var config = settings.BuildConfig().Validate();  // before anything is written
            return (config, settings.NewRunFolder("train", config.Dataset, "train"));
        }
        var resumed = settings.ResumedRun("train");
        try
        {
            return (Resumed(resumed).Validate(), resumed.Run);
        }
        catch
        {
            resumed.Run.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The settings a resumed run continues with: an older config.json recorded a <c>folder:</c> path as typed, which
    /// is made absolute as it was meant, or refused (<see cref="RunRecordCheck.DatasetFor"/>).
    /// </summary>
    private static TrainConfig Resumed((TrainConfig Stored, RunDirectory Run) resumed) =>
        resumed.Stored with { Dataset = RunRecordCheck.DatasetFor(resumed.Run, resumed.Stored.Dataset) };
}
