namespace VpDarts.Tests.Importance;

/// <summary>Choosing the cheaper estimators through the search config.</summary>
public sealed class ImportanceConfigTests
{
    [Fact]
    public void ConfigBuildsTheEstimatorsWithTheirSettings()
    {
        Assert.IsType<AblationImportance>(StrategyFactory.Importance(new SearchConfig()));
        var racing = Assert.IsType<RacingAblationImportance>(StrategyFactory.Importance(
            new SearchConfig { Importance = ImportanceCriterion.ValidAccuracyRacing, RaceConfidence = 0.9, RaceMinBatches = 3 }.Validate(false)));
        Assert.Equal((0.9, 3), (racing.Options.Confidence, racing.Options.MinBatches));
        Assert.Equal(MallocTuning.ReleaseFreeMemory, racing.Options.AfterPass);  // the search hands freed pages back after each pass
        var screening = Assert.IsType<ScreeningImportance>(StrategyFactory.Importance(
            new SearchConfig { Importance = ImportanceCriterion.ValidAccuracyScreening, ScreenKeep = 3 }.Validate(false)));
        Assert.Equal(3, screening.Options.Keep);
        Assert.Equal(MallocTuning.ReleaseFreeMemory, screening.Options.AfterPass);
    }

    [Theory]
    [InlineData("--race-confidence", ImportanceCriterion.ValidAccuracyRacing, 0.0, 2, 2, false, false)]
    [InlineData("--race-confidence", ImportanceCriterion.ValidAccuracyRacing, 1.5, 2, 2, false, false)]
    [InlineData("--race-min-batches", ImportanceCriterion.ValidAccuracyRacing, 0.95, 0, 2, false, false)]
    [InlineData("--screen-keep", ImportanceCriterion.ValidAccuracyScreening, 0.95, 2, 6, false, false)]
    [InlineData("--screen-keep", ImportanceCriterion.ValidAccuracyScreening, 0.95, 2, 0, false, false)]
    [InlineData("--resample-per-op", ImportanceCriterion.ValidAccuracyRacing, 0.95, 2, 2, true, false)]
    [InlineData("--ablation-dropout", ImportanceCriterion.ValidAccuracyScreening, 0.95, 2, 2, false, true)]
    public void BadSettingsAreRejected(string option, ImportanceCriterion importance, double confidence, int minBatches, int keep, bool resample, bool dropout)
    {
        var config = new SearchConfig
        {
            Importance = importance, RaceConfidence = confidence, RaceMinBatches = minBatches, ScreenKeep = keep,
            ResampleSubsetPerOp = resample, AblationDropout = dropout,
        };
        var error = Assert.Throws<UserInputException>(() => config.Validate(false));
        Assert.Contains(option, error.Message);
    }
}
