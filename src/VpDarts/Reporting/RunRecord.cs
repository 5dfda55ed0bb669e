using System.Text.Json.Nodes;
using VpDarts.Runs;
using VpDarts.SearchSpace;

namespace VpDarts.Reporting;

/// <summary>One line of <c>metrics.jsonl</c>, typed.</summary>
internal sealed record EpochRecord
{
    public required int Epoch { get; init; }
    public string? Phase { get; init; }
    public double? Lr { get; init; }
    public double? TrainLoss { get; init; }
    public double? TrainAcc { get; init; }
    public double? ValidLoss { get; init; }
    public double? ValidAcc { get; init; }
    public double[,]? Alpha { get; init; }
    public string? ImportanceCriterion { get; init; }
    public double[,]? Importance { get; init; }
    public string? Kept { get; init; }
    public IReadOnlyList<(int Edge, int Op)>? Pruned { get; init; }
    public double? DecayFactor { get; init; }
    public string? Arch { get; init; }
    public int? SkipCount { get; init; }
    public JsonObject? Nb201 { get; init; }
    public double? Images { get; init; }
    public double? ImagesPerSecond { get; init; }
    public double? AblationSeconds { get; init; }
    public double? TrainSeconds { get; init; }
    public double? TotalSeconds { get; init; }

    /// <summary>Epoch number as people count: 1-based.</summary>
    public int Number => Epoch + 1;

    public static EpochRecord From(JsonFields f)
    {
        var seconds = f.Fields("seconds");
        return new EpochRecord
        {
            Epoch = f.Integer("epoch") ?? throw f.Error("epoch", "is missing"),
            Phase = f.Text("phase"),
            Lr = f.Number("lr"),
            TrainLoss = f.Number("train_loss"),
            TrainAcc = f.Number("train_acc"),
            ValidLoss = f.Number("valid_loss"),
            ValidAcc = f.Number("valid_acc"),
            Alpha = f.EdgeMatrix("alpha"),
            ImportanceCriterion = f.Text("importance_criterion"),
            Importance = f.EdgeMatrix("importance"),
            Kept = f.Text("kept"),
            Pruned = f.Pairs("pruned"),
            DecayFactor = f.Number("decay_factor"),
            Arch = f.Text("arch"),
            SkipCount = f.Integer("skip_count"),
            Nb201 = f.Child("nb201"),
            Images = f.Number("images"),
            ImagesPerSecond = f.Number("images_per_s"),
            AblationSeconds = seconds?.Number("ablation"),
            TrainSeconds = seconds?.Number("train"),
            TotalSeconds = seconds?.Number("total"),
        };
    }
}

/// <summary><c>result.json</c>, typed.</summary>
internal sealed record ResultRecord
{
    public string? Arch { get; init; }
    public string? Method { get; init; }
    public string? K { get; init; }
    public string? Dataset { get; init; }
    public int? Seed { get; init; }
    public int? Epochs { get; init; }
    public int? SkipCount { get; init; }
    public JsonObject? Nb201 { get; init; }
    public string? FinalImportanceCriterion { get; init; }
    public double[,]? FinalImportance { get; init; }
    public double? SearchSeconds { get; init; }
    public double? AblationSeconds { get; init; }
    public double? TrainSeconds { get; init; }
    public double? FinalSelectionSeconds { get; init; }

    public static ResultRecord From(JsonFields f)
    {
        var seconds = f.Fields("seconds");
        return new ResultRecord
        {
            Arch = f.Text("arch"),
            Method = f.Text("method"),
            K = f.Text("k"),
            Dataset = f.Text("dataset"),
            Seed = f.Integer("seed"),
            Epochs = f.Integer("epochs"),
            SkipCount = f.Integer("skip_count"),
            Nb201 = f.Child("nb201"),
            FinalImportanceCriterion = f.Text("final_importance_criterion"),
            FinalImportance = f.EdgeMatrix("final_importance"),
            SearchSeconds = f.Number("search_seconds"),
            AblationSeconds = seconds?.Number("ablation"),
            TrainSeconds = seconds?.Number("train"),
            FinalSelectionSeconds = seconds?.Number("final_selection"),
        };
    }
}

/// <summary>Everything a run folder holds that a report uses, read and checked.</summary>
internal sealed class RunRecord
{
    private RunRecord(string root, JsonFields? config, IReadOnlyList<EpochRecord> epochs, ResultRecord? result)
    {
        Root = root;
        Config = config;
        Epochs = epochs;
        Result = result;
    }

    public string Root { get; }

    /// <summary><c>config.json</c>, or null when the folder has none.</summary>
    public JsonFields? Config { get; }

    /// <summary>The metrics lines, in file order.</summary>
    public IReadOnlyList<EpochRecord> Epochs { get; }

    /// <summary><c>result.json</c>, or null while the run has not finished.</summary>
    public ResultRecord? Result { get; }

    public bool Finished => Result is not null;

    public EpochRecord? Last => Epochs.Count > 0 ? Epochs[^1] : null;

    /// <summary>The final cell (result.json) or, for an unfinished run, the cell after the last epoch.</summary>
    public Genotype? Cell => ParseArch(Result?.Arch) ?? ParseArch(Last?.Arch);

    /// <summary>
    /// Reads a run folder. Throws <see cref="UserInputException"/> naming the folder or file when the folder is
    /// missing, has no <c>metrics.jsonl</c>, or a file (a line, for <c>metrics.jsonl</c>) is not what a run writes.
    /// </summary>
    public static RunRecord Load(string runDir)
    {
        if (string.IsNullOrWhiteSpace(runDir)) throw new UserInputException("RUN_DIR: no run folder given");
        var root = Path.GetFullPath(runDir);
        if (!Directory.Exists(root))
            throw new UserInputException(File.Exists(root) ? $"{root}: not a folder (expected a run folder)" : $"{root}: run folder not found");
        var metricsPath = Path.Combine(root, "metrics.jsonl");
        if (!File.Exists(metricsPath)) throw new UserInputException($"{metricsPath}: not found (is {root} a run folder?)");

        var config = ReadObject(Path.Combine(root, "config.json"));
        var epochs = ReadMetrics(metricsPath);
        var resultFields = ReadObject(Path.Combine(root, "result.json"));
        return new RunRecord(root, config, epochs, resultFields is null ? null : ResultRecord.From(resultFields));
    }

    private static JsonFields? ReadObject(string path)
    {
        if (!File.Exists(path)) return null;
        return JsonFields.Parse(ReadText(path), path);
    }

    private static List<EpochRecord> ReadMetrics(string path)
    {
        var lines = ReadText(path).Split('\n');
        var epochs = new List<EpochRecord>();
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            if (line.Trim().Length == 0) continue;
            epochs.Add(EpochRecord.From(JsonFields.Parse(line, $"{path}:{i + 1}")));
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

    private static Genotype? ParseArch(string? text) => Genotype.TryParse(text, out var g, out _) ? g : null;

    /// <summary>A setting from <c>config.json</c> as text, or null.</summary>
    public string? Setting(string key) => Config?.Object[key] switch
    {
        null => null,
        JsonValue v when v.GetValueKind() == System.Text.Json.JsonValueKind.String => v.GetValue<string>(),
        var node => node.ToJsonString(RunDirectory.Json),
    };
}
