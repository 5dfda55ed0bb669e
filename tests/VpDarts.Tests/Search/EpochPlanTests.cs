namespace VpDarts.Tests.Search;

/// <summary>
/// The loop announces and runs an ablation exactly in the epochs the strategy plans one, and the progress a user
/// sees follows each method's own plan (DARTS and hard pruning never ablate during the search).
/// </summary>
public sealed class EpochPlanTests() : TempFolderTests("vpdarts-plan-")
{
    [Theory]
    [InlineData("vp-darts", "warm-up,ablation,search,ablation,search,ablation,search,ablation,search,ablation,search")]
    [InlineData("darts", "search,search,search,search,search,search")]
    [InlineData("hard-prune", "warm-up,search,search,search,search,search")]
    [InlineData("progressive-prune", "warm-up,search,search,ablation,search,search,ablation,search")]  // stages keep 5, 3, 2 ops
    public void Progress_shows_the_phases_the_strategy_plans(string methodName, string phases)
    {
        var method = SearchMethod.Parse(methodName, "--method");
        var config = new SearchConfig
        {
            Method = method, Epochs = 6, Warmup = 1, Layers = 1, Channels = 4, BatchSize = 16, EvalBatchSize = 32, Threads = 1, Dataset = "random",
        };
        var progress = new TestProgress();
        new SearchRun(config, new RandomSearchData(), new RunDirectory(In(method.ToString())), progress).Execute();
        Assert.Equal(phases + ",final selection", string.Join(",", progress.Phases.Select(p => p[..p.LastIndexOf(' ')])));

        var metrics = new RunDirectory(In(method.ToString())).ReadSearchMetrics();
        var strategy = MethodModule.StrategyFor(config);
        for (var epoch = 0; epoch < config.Epochs; epoch++)
        {
            var plan = strategy.PlanEpoch(epoch);
            Assert.Equal(plan.Phase, metrics[epoch].Phase);
            Assert.Equal(plan.MeasuresImportance, metrics[epoch].Importance is not null);
        }
    }
}
