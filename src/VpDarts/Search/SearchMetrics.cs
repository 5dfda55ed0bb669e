using System.Text.Json.Nodes;
using VpDarts.Models;
using VpDarts.Runs;
using VpDarts.SearchSpace;
using VpDarts.Strategies;

namespace VpDarts.Search;

/// <summary>Builds the records of <c>metrics.jsonl</c> lines and <c>result.json</c>.</summary>
public static class SearchMetrics
{
    /// <summary>One epoch's metrics line.</summary>
    public static SearchEpochRecord Epoch(int epoch, string phase, double lr, EpochStats stats, Supernet net,
        ISearchStrategy strategy, EpochDecisionRecord decision, Genotype? arch, Nb201Record? nb201, double seconds)
    {
        var alpha = net.AlphaValues();
        foreach (var value in alpha)
            if (!float.IsFinite(value)) throw new NumericFaultException($"α became {value} in epoch {epoch + 1}");
        using var weights = strategy.EdgeWeights(net);
        return new SearchEpochRecord
        {
            Epoch = epoch,
            Phase = phase,
            Lr = lr,
            TrainLoss = stats.TrainLoss,
            TrainAcc = stats.TrainAccuracy,
            ValidLoss = stats.ValidLoss,
            ValidAcc = stats.ValidAccuracy,
            Alpha = EdgeMatrix.From(alpha),
            Weights = EdgeMatrix.From(Supernet.HostMatrix(weights)),
            Arch = arch?.ToString(),
            SkipCount = arch?.SkipConnectCount,
            Nb201 = nb201,
            Images = stats.Images,
            ImagesPerSecond = stats.Images / Math.Max(stats.Seconds, 1e-9),
            Seconds = new SearchEpochSeconds { Ablation = decision.Seconds, Train = stats.Seconds, Total = seconds },
        }.WithDecision(decision);
    }

    /// <summary>What an epoch-start decision adds to the metrics line (saved with mid-epoch checkpoints).</summary>
    public static EpochDecisionRecord Decision(EpochDecision? decision) => new()
    {
        ImportanceCriterion = decision?.Importance?.Criterion,
        Importance = decision?.Importance is { } imp ? EdgeMatrix.From(imp.Measure) : null,
        ImportanceEstimate = decision?.Importance?.Estimate is { } estimate ? EdgeMatrix.From(estimate) : null,
        AblationBase = decision?.Importance?.BaseMeasure,
        AblationImages = decision?.Importance?.ImagesEvaluated ?? 0,
        Kept = decision?.Kept?.ToString(),
        Pruned = decision?.Pruned.Select(p => new EdgeOp(p.Edge, p.Op)).ToList(),
        DecayFactor = decision?.DecayFactor,
        Seconds = decision?.Seconds ?? 0,
    };

    /// <summary>The content of <c>result.json</c>.</summary>
    public static SearchResultRecord Result(SearchConfig config, FinalSelection final, Nb201Record? nb201,
        double seconds, IReadOnlyList<SearchEpochRecord> metrics, double? cpuSeconds = null) => new()
    {
        Arch = final.Arch.ToString(),
        Method = config.Method.Name,
        K = config.Method.Options.Contains(nameof(SearchConfig.K)) ? OptionNames.Name(config.K) : null,
        Dataset = config.Dataset,
        Seed = config.Seed,
        Epochs = config.Epochs,
        SkipCount = final.Arch.SkipConnectCount,
        Nb201 = nb201,
        FinalImportanceCriterion = final.Importance?.Criterion,
        FinalImportance = final.Importance is { } imp ? EdgeMatrix.From(imp.Measure) : null,
        ArchByRule = final.ArchByRule?.ToDictionary(),
        SearchSeconds = seconds,
        CpuSeconds = cpuSeconds,
        Seconds = new SearchResultSeconds
        {
            Ablation = metrics.Sum(m => m.Seconds?.Ablation ?? 0),
            Train = metrics.Sum(m => m.Seconds?.Train ?? 0),
            FinalSelection = final.Seconds,
        },
    };

    /// <summary>A one-line summary of an epoch's metrics.</summary>
    public static string Summary(SearchEpochRecord m, int epochs)
    {
        static string F(double? value, string format) =>
            value is { } v ? v.ToString(format, CultureInfo.InvariantCulture) : "-";
        var line = $"epoch {m.Number}/{epochs} {m.Phase}: train loss {F(m.TrainLoss, "F3")} " +
                   $"acc {F(m.TrainAcc, "F1")}%, valid loss {F(m.ValidLoss, "F3")} acc {F(m.ValidAcc, "F1")}%, " +
                   (m.Arch is null ? "arch not chosen yet" : $"arch {m.Arch} (skips {m.SkipCount})");
        if (m.Nb201?.Cifar10Test is { } c10) line += $", NB201 CIFAR-10 {c10:F2}%";
        return line + $", {m.Seconds?.Total ?? 0:F1}s";
    }

    /// <summary>
    /// A host matrix as the nested JSON arrays run files hold (<see cref="EdgeMatrix.From"/>), for other JSON reports.
    /// </summary>
    public static JsonArray Matrix(float[,] values) =>
        JsonSerializer.SerializeToNode(EdgeMatrix.From(values), RunDirectory.Json)!.AsArray();
}
