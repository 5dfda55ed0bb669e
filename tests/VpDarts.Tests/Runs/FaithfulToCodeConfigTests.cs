namespace VpDarts.Tests.Runs;

/// <summary>The settings <see cref="SearchConfig.FaithfulToCode"/> changes, and only those.</summary>
public sealed class FaithfulToCodeConfigTests
{
    private static readonly string[] Changed =
        ["ablation_augment", "ablation_dropout", "eval_batch_size", "fixed_split", "resample_subset_per_op", "skip_uninformative_edges", "tie_rule"];

    private static IEnumerable<string> Keys(IReadOnlyList<string> differences) => differences.Select(d => d[..d.IndexOf(':', StringComparison.Ordinal)]);

    [Theory]
    [InlineData("paper")]
    [InlineData("tiny")]
    public void It_sets_the_seven_ablation_conditions_of_the_authors_code_and_nothing_else(string preset)
    {
        var config = SearchPresets.Get(preset) with { Method = SearchMethod.Get<HardPruneMethod>(), Seed = 5, WeightDecay = 1e-4 };
        var faithful = config.FaithfulToCode();
        Assert.Equal(Changed, Keys(SettingsFile<SearchConfig>.Differences(config, faithful)));
        Assert.True(faithful.ResampleSubsetPerOp);
        Assert.True(faithful.AblationDropout);
        Assert.True(faithful.AblationAugment);
        Assert.Equal(64, faithful.EvalBatchSize);
        Assert.Equal(TieRule.Code, faithful.TieRule);
        Assert.False(faithful.SkipUninformativeEdges);
        Assert.True(faithful.FixedSplit);
        Assert.Equal(faithful, faithful.FaithfulToCode());
        faithful.Validate(checkDataset: false);
    }

    [Fact]
    public void The_defaults_are_this_toolkits_conditions()
    {
        var config = new SearchConfig();
        Assert.False(config.ResampleSubsetPerOp || config.AblationDropout || config.AblationAugment || config.FixedSplit);
        Assert.Equal(TieRule.LargerAlpha, config.TieRule);
        Assert.True(config.SkipUninformativeEdges);
        Assert.NotEqual(64, config.EvalBatchSize);
    }
}
