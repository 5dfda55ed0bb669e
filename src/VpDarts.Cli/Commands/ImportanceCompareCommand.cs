using System.Globalization;
using System.Text.Json.Nodes;
using VpDarts.Experiments;
using VpDarts.Importance;
using VpDarts.Runs;
using VpDarts.Search;

namespace VpDarts.Cli.Commands;

/// <summary>
/// <c>vpdarts importance-compare --run RUN_DIR</c>: runs the exact validation ablation, the racing ablation and
/// first-order screening on the same validation subsets of a run's checkpointed supernet and prints the images each
/// evaluated (and the share of exact's) and how many per-edge keep choices agree with exact.
/// </summary>
public sealed class ImportanceCompareCommand(IAnsiConsole console) : TorchCommand<ImportanceCompareCommand.Settings>
{
    /// <summary>Options of <c>importance-compare</c>.</summary>
    public sealed class Settings : CommandSettings
    {
        /// <summary>The run folder.</summary>
        [CommandOption("--run <RUN_DIR>"),
            Description("Run folder of a search: config.json and checkpoints/epoch-NNNN/")]
        public string Run { get; set; } = "";

        /// <summary>Checkpoint folders to use.</summary>
        [CommandOption("--checkpoint <DIR>"),
            Description("Checkpoint folder (repeatable) [[default: every checkpoint of the run]]")]
        public string[]? Checkpoint { get; set; }

        /// <summary>Subsets per checkpoint.</summary>
        [CommandOption("--draws <N>"), Description("Validation subsets per checkpoint [[default: 3]]")]
        public int Draws { get; set; } = 3;

        /// <summary>Ablation batch size.</summary>
        [CommandOption("--eval-batch-size <N>"), Description("Ablation batch size [[default: the run's]]")]
        public int? EvalBatchSize { get; set; }

        /// <summary>Racing confidence.</summary>
        [CommandOption("--race-confidence <P>"), Description(
            "Racing: probability per edge of never dropping the op exact keeps, in (0,1]] [[default: 0.95]]")]
        public double RaceConfidence { get; set; } = 0.95;

        /// <summary>Racing minimum batches.</summary>
        [CommandOption("--race-min-batches <N>"),
            Description("Racing: batches every op sees before the first test [[default: 2]]")]
        public int RaceMinBatches { get; set; } = 2;

        /// <summary>Screening short list.</summary>
        [CommandOption("--screen-keep <K>"),
            Description("Screening: ops per edge verified by exact ablation, 1-5 [[default: 2]]")]
        public int ScreenKeep { get; set; } = 2;

        /// <summary>Share of the batches for the truncated exact ablation.</summary>
        [CommandOption("--truncated-share <F>"), Description("Also run the exact ablation on the first F of each " +
            "subset's batches, as a plain baseline; 0 = skip [[default: 0.25]]")]
        public double TruncatedShare { get; set; } = 0.25;

        /// <summary>Intra-op threads.</summary>
        [CommandOption("--threads <N>"), Description("Intra-op threads [[default: 1]]")]
        public int Threads { get; set; } = 1;

        /// <summary>Where to write the per-subset results.</summary>
        [CommandOption("--json <FILE>"), Description("Also write every subset's results to FILE as JSON")]
        public string? Json { get; set; }

        /// <inheritdoc />
        public override ValidationResult Validate()
        {
            if (Run is null) return ValidationResult.Error("--run: required");
            if (Draws < 1) return ValidationResult.Error($"--draws: must be positive, got {Draws}");
            if (Threads < 1) return ValidationResult.Error($"--threads: must be positive, got {Threads}");
            if (TruncatedShare is < 0 or > 1)
                return ValidationResult.Error($"--truncated-share: must be between 0 and 1, got {TruncatedShare}");
            if (EvalBatchSize is < 1)
                return ValidationResult.Error($"--eval-batch-size: must be positive, got {EvalBatchSize}");
            return ValidationResult.Success();
        }
    }

    /// <inheritdoc />
    protected override int ExecuteWithTorch(CommandContext context, Settings settings,
        CancellationToken cancellationToken)
    {
        var run = new RunDirectory(settings.Run);
        if (!File.Exists(run.ConfigPath)) throw new UserInputException($"--run: {run.ConfigPath} not found");
        var config = SettingsFile<SearchConfig>.Load(run.ConfigPath) with
        {
            RaceConfidence = settings.RaceConfidence, RaceMinBatches = settings.RaceMinBatches,
            ScreenKeep = settings.ScreenKeep,
        };
        config.Validate(checkDataset: false);
        if (settings.Json is { } json && Path.Exists(json))
            throw new UserInputException($"--json: {Path.GetFullPath(json)} exists; importance-compare writes a new " +
                "file only, so choose another name");
        var checkpoints = settings.Checkpoint is { Length: > 0 } given
            ? given : Checkpoints.List(run.CheckpointsPath).Reverse().ToArray();
        if (checkpoints.Length == 0) throw new UserInputException($"--run: no checkpoints in {run.CheckpointsPath}");
        TorchSharp.torch.set_num_threads(settings.Threads);
        var options = new ComparisonOptions
        {
            Draws = settings.Draws, EvalBatchSize = settings.EvalBatchSize,
            Racing = new RacingOptions { Confidence = config.RaceConfidence, MinBatches = config.RaceMinBatches },
            Screening = new ScreeningOptions { Keep = config.ScreenKeep },
            TruncatedShare = settings.TruncatedShare > 0 ? settings.TruncatedShare : null,
        };

        using var data = SearchRun.LoadData(config);
        Output.Line(console, $"{config.Method.Name} on {config.Dataset}: N={config.Layers} C={config.Channels}, " +
                             $"{settings.Threads} thread(s), valid fraction {config.ValidFraction}, eval batch " +
                             $"{options.EvalBatchSize ?? config.EvalBatchSize}");
        var draws = new List<ComparisonDraw>();
        foreach (var checkpoint in checkpoints)
        {
            cancellationToken.ThrowIfCancellationRequested();
            draws.AddRange(ImportanceComparison.FromCheckpoint(config, data, checkpoint, options, d =>
                Output.Line(console, $"{d.Checkpoint} draw {d.Draw} ({d.SubsetImages} images, {d.Batches} batches): " +
                    string.Join("; ", d.Estimators.Select(o =>
                        $"{o.Estimator} {o.Images} images {o.Seconds:F1}s {o.EdgesAgreeing}/6 {o.Keep}")))));
        }

        Output.Line(console, "estimator                    images   % of exact  seconds  keep = exact");
        foreach (var (name, images, share, seconds, agreeing, edges) in ImportanceComparison.Summarise(draws))
            Output.Line(console, string.Create(CultureInfo.InvariantCulture,
                $"{name,-26} {images,8} {100 * share,10:F1}% {seconds,8:F1}  {agreeing}/{edges} " +
                $"({100.0 * agreeing / edges:F1}%)"));
        var (same, edgesAcross) = ImportanceComparison.ExactAcrossDraws(draws);
        if (edgesAcross > 0)
            Output.Line(console, string.Create(CultureInfo.InvariantCulture,
                $"exact on another subset of the same checkpoint keeps the same op on {same}/{edgesAcross} edges " +
                $"({100.0 * same / edgesAcross:F1}%)"));
        if (settings.Json is not null) RunDirectory.WriteJson(settings.Json, Json(config, settings, draws));
        return 0;
    }

    private static JsonObject Json(SearchConfig config, Settings settings, IReadOnlyList<ComparisonDraw> draws) => new()
    {
        ["run"] = settings.Run,
        ["eval_batch_size"] = settings.EvalBatchSize ?? config.EvalBatchSize,
        ["race_confidence"] = config.RaceConfidence,
        ["race_min_batches"] = config.RaceMinBatches,
        ["screen_keep"] = config.ScreenKeep,
        ["truncated_share"] = settings.TruncatedShare,
        ["threads"] = settings.Threads,
        ["draws"] = new JsonArray(draws.Select(d => (JsonNode)new JsonObject
        {
            ["checkpoint"] = d.Checkpoint,
            ["draw"] = d.Draw,
            ["subset_images"] = d.SubsetImages,
            ["batches"] = d.Batches,
            ["estimators"] = new JsonArray(d.Estimators.Select(o => (JsonNode)new JsonObject
            {
                ["name"] = o.Estimator, ["images"] = o.Images, ["seconds"] = o.Seconds, ["keep"] = o.Keep.ToString(),
                ["agreeing_edges"] = o.EdgesAgreeing, ["measure"] = SearchMetrics.Matrix(o.Measure),
                ["estimate"] = o.Estimate is null ? null : SearchMetrics.Matrix(o.Estimate),
                ["race_batches"] = o.RaceBatches is null
                    ? null : new JsonArray(o.RaceBatches.Select(b => (JsonNode)b).ToArray()),
            }).ToArray()),
        }).ToArray()),
    };
}
