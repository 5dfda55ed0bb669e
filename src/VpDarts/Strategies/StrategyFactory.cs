using VpDarts.Importance;
using VpDarts.Runs;

namespace VpDarts.Strategies;

/// <summary>Builds the strategy and importance criterion a config names.</summary>
public static class StrategyFactory
{
    /// <summary>The strategy for <see cref="SearchConfig.Method"/>.</summary>
    public static ISearchStrategy Create(SearchConfig config) => config.Method switch
    {
        SearchMethod.VpDarts => new SoftPruningStrategy(config),
        SearchMethod.Darts => new DartsStrategy(),
        SearchMethod.HardPrune => new HardPruningStrategy(config),
        SearchMethod.ProgressivePrune => new ProgressivePruningStrategy(config),
        _ => throw new ArgumentOutOfRangeException(nameof(config), config.Method, "not a search method"),
    };

    /// <summary>The importance criterion for <see cref="SearchConfig.Importance"/>.</summary>
    public static IImportanceCriterion Importance(SearchConfig config)
    {
        var options = new AblationOptions { ResamplePerOp = config.ResampleSubsetPerOp, Dropout = config.AblationDropout };
        return config.Importance switch
        {
            ImportanceCriterion.ValidAccuracy => new AblationImportance(AblationMeasure.Accuracy, options),
            ImportanceCriterion.ValidAccuracyRacing => new RacingAblationImportance(new RacingOptions { Confidence = config.RaceConfidence, MinBatches = config.RaceMinBatches }),
            ImportanceCriterion.ValidAccuracyScreening => new ScreeningImportance(new ScreeningOptions { Keep = config.ScreenKeep }),
            ImportanceCriterion.ValidLoss => new AblationImportance(AblationMeasure.Loss, options),
            ImportanceCriterion.Alpha => new AlphaMagnitudeImportance(),
            _ => throw new ArgumentOutOfRangeException(nameof(config), config.Importance, "not an importance criterion"),
        };
    }
}
