using VpDarts.Importance;
using VpDarts.Models;
using VpDarts.Runs;
using VpDarts.Runtime;

namespace VpDarts.Strategies;

/// <summary>Builds the supernet and the importance criterion a config names (a method's strategy:
/// <c>Methods/</c>).</summary>
public static class StrategyFactory
{
    /// <summary>The supernet <paramref name="strategy"/> searches, for images of <paramref name="channels"/> channels
    /// and <paramref name="classes"/> classes.</summary>
    public static Supernet NewSupernet(SearchConfig config, ISearchStrategy strategy, int channels, int classes) =>
        new(new NetworkShape(config.Channels, config.Layers, channels, classes), strategy.Weighting,
            config.EffectiveSkipDropout);

    /// <summary>
    /// The importance criterion for <see cref="SearchConfig.Importance"/>. Its passes hand the allocator's free pages
    /// back to the kernel after each pass, so repeated evaluation-size passes do not pile up resident memory.
    /// </summary>
    public static IImportanceCriterion Importance(SearchConfig config)
    {
        Action afterPass = MallocTuning.ReleaseFreeMemory;
        var options = new AblationOptions
        {
            ResamplePerOp = config.ResampleSubsetPerOp, Dropout = config.AblationDropout, AfterPass = afterPass
        };
        return config.Importance switch
        {
            ImportanceCriterion.ValidAccuracy => new AblationImportance(AblationMeasure.Accuracy, options),
            ImportanceCriterion.ValidAccuracyRacing => new RacingAblationImportance(new RacingOptions
            {
                Confidence = config.RaceConfidence, MinBatches = config.RaceMinBatches, AfterPass = afterPass
            }),
            ImportanceCriterion.ValidAccuracyScreening =>
                new ScreeningImportance(new ScreeningOptions { Keep = config.ScreenKeep, AfterPass = afterPass }),
            ImportanceCriterion.ValidLoss => new AblationImportance(AblationMeasure.Loss, options),
            ImportanceCriterion.Alpha => new AlphaMagnitudeImportance(),
            _ => throw new ArgumentOutOfRangeException(nameof(config), config.Importance,
                "not an importance criterion"),
        };
    }
}
