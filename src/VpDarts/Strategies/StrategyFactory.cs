using VpDarts.Importance;
using VpDarts.Runs;

namespace VpDarts.Strategies;

/// <summary>Builds the strategy and importance criterion a config names.</summary>
public static class StrategyFactory
{
    /// <summary>The strategy for <see cref="SearchConfig.Method"/>.</summary>
    public static ISearchStrategy Create(SearchConfig config) => config.Method switch
    {
        "vp-darts" => new SoftPruningStrategy(config),
        "darts" => new DartsStrategy(),
        "hard-prune" => new HardPruningStrategy(config),
        "progressive-prune" => new ProgressivePruningStrategy(config),
        _ => throw new UserInputException($"--method: unknown method '{config.Method}'"),
    };

    /// <summary>The importance criterion for <see cref="SearchConfig.Importance"/>.</summary>
    public static IImportanceCriterion Importance(SearchConfig config)
    {
        var options = new AblationOptions { ResamplePerOp = config.ResampleSubsetPerOp, Dropout = config.AblationDropout };
        return config.Importance switch
        {
            "valid-accuracy" => new AblationImportance(AblationMeasure.Accuracy, options),
            "valid-accuracy-racing" => new RacingAblationImportance(new RacingOptions { Confidence = config.RaceConfidence, MinBatches = config.RaceMinBatches }),
            "valid-accuracy-screening" => new ScreeningImportance(new ScreeningOptions { Keep = config.ScreenKeep }),
            "valid-loss" => new AblationImportance(AblationMeasure.Loss, options),
            "alpha" => new AlphaMagnitudeImportance(),
            _ => throw new UserInputException($"--importance: unknown criterion '{config.Importance}'"),
        };
    }
}
