using System.Globalization;
using System.Text.Json.Nodes;
using VpDarts.Models;
using VpDarts.Runs;
using VpDarts.SearchSpace;
using VpDarts.Strategies;

namespace VpDarts.Search;

/// <summary>Builds the JSON of <c>metrics.jsonl</c> lines and <c>result.json</c>.</summary>
public static class SearchMetrics
{
    /// <summary>One epoch's metrics line.</summary>
    public static JsonObject Epoch(int epoch, string phase, double lr, SearchRun.EpochStats stats, Supernet net,
        ISearchStrategy strategy, JsonObject decision, Genotype? arch, JsonObject? nb201, double seconds)
    {
        var alpha = net.AlphaValues();
        foreach (var value in alpha)
            if (!float.IsFinite(value)) throw new NumericFaultException($"α became {value} in epoch {epoch + 1}");
        using var weights = strategy.EdgeWeights(net);
        var line = new JsonObject
        {
            ["epoch"] = epoch,
            ["phase"] = phase,
            ["lr"] = lr,
            ["train_loss"] = stats.TrainLoss,
            ["train_acc"] = stats.TrainAccuracy,
            ["valid_loss"] = stats.ValidLoss,
            ["valid_acc"] = stats.ValidAccuracy,
            ["alpha"] = Matrix(alpha),
            ["weights"] = Matrix(Supernet.HostMatrix(weights)),
        };
        foreach (var (key, value) in decision)
            if (key != "seconds") line[key] = value?.DeepClone();
        var rest = new JsonObject
        {
            ["arch"] = arch?.ToString(),
            ["skip_count"] = arch?.SkipConnectCount,
            ["nb201"] = nb201?.DeepClone(),
            ["images"] = stats.Images,
            ["images_per_s"] = stats.Images / Math.Max(stats.Seconds, 1e-9),
            ["seconds"] = new JsonObject
            {
                ["ablation"] = decision["seconds"]?.GetValue<double>() ?? 0,
                ["train"] = stats.Seconds,
                ["total"] = seconds,
            },
        };
        foreach (var (key, value) in rest) line[key] = value?.DeepClone();
        return line;
    }

    /// <summary>What an epoch-start decision contributes to the metrics line (saved with mid-epoch checkpoints).</summary>
    public static JsonObject Decision(EpochDecision? decision) => new()
    {
        ["importance_criterion"] = decision?.Importance?.Criterion,
        ["importance"] = decision?.Importance is { } imp ? Matrix(imp.Measure) : null,
        ["importance_estimate"] = decision?.Importance?.Estimate is { } estimate ? Matrix(estimate) : null,
        ["ablation_base"] = decision?.Importance?.BaseMeasure,
        ["ablation_images"] = decision?.Importance?.ImagesEvaluated ?? 0,
        ["kept"] = decision?.Kept?.ToString(),
        ["pruned"] = decision is null ? null : new JsonArray(decision.Pruned.Select(p => (JsonNode)new JsonArray(p.Edge, p.Op)).ToArray()),
        ["decay_factor"] = decision?.DecayFactor,
        ["seconds"] = decision?.Seconds ?? 0,
    };

    /// <summary>The content of <c>result.json</c>.</summary>
    public static JsonObject Result(SearchConfig config, FinalSelection final, JsonObject? nb201, double seconds, IReadOnlyList<JsonObject> metrics)
    {
        double Sum(string key) => metrics.Sum(m => m["seconds"]?[key]?.GetValue<double>() ?? 0);
        return new JsonObject
        {
            ["arch"] = final.Arch.ToString(),
            ["method"] = OptionNames.Name(config.Method),
            ["k"] = config.Method == SearchMethod.VpDarts ? OptionNames.Name(config.K) : null,
            ["dataset"] = config.Dataset,
            ["seed"] = config.Seed,
            ["epochs"] = config.Epochs,
            ["skip_count"] = final.Arch.SkipConnectCount,
            ["nb201"] = nb201?.DeepClone(),
            ["final_importance_criterion"] = final.Importance?.Criterion,
            ["final_importance"] = final.Importance is { } imp ? Matrix(imp.Measure) : null,
            ["search_seconds"] = seconds,
            ["seconds"] = new JsonObject
            {
                ["ablation"] = Sum("ablation"),
                ["train"] = Sum("train"),
                ["final_selection"] = final.Seconds,
            },
        };
    }

    /// <summary>A one-line summary of an epoch's metrics.</summary>
    public static string Summary(JsonObject m, int epochs)
    {
        string F(string key, string format) =>
            m[key] is JsonNode node ? node.GetValue<double>().ToString(format, CultureInfo.InvariantCulture) : "-";
        var line = $"epoch {m["epoch"]!.GetValue<int>() + 1}/{epochs} {m["phase"]}: train loss {F("train_loss", "F3")} " +
                   $"acc {F("train_acc", "F1")}%, valid loss {F("valid_loss", "F3")} acc {F("valid_acc", "F1")}%, " +
                   (m["arch"] is null ? "arch not chosen yet" : $"arch {m["arch"]} (skips {m["skip_count"]})");
        if (m["nb201"]?["cifar10_test"] is JsonNode c10) line += $", NB201 CIFAR-10 {c10.GetValue<double>():F2}%";
        return line + $", {m["seconds"]!["total"]!.GetValue<double>():F1}s";
    }

    /// <summary>A host matrix as nested JSON arrays.</summary>
    public static JsonArray Matrix(float[,] values)
    {
        var rows = new JsonArray();
        for (var r = 0; r < values.GetLength(0); r++)
        {
            var row = new JsonArray();
            for (var c = 0; c < values.GetLength(1); c++) row.Add(float.IsNaN(values[r, c]) ? null : (JsonNode)Math.Round(values[r, c], 6));
            rows.Add(row);
        }
        return rows;
    }
}
