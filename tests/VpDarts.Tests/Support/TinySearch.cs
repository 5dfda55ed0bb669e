namespace VpDarts.Tests.Support;

/// <summary>
/// The tiny searches of the search tests: four epochs (one warm-up) of a one-layer, four-channel supernet on
/// <see cref="RandomSearchData"/>, one thread, seed 7; seconds each.
/// </summary>
public static class TinySearch
{
    /// <summary>The tiny settings for <paramref name="method"/>.</summary>
    public static SearchConfig Config(SearchMethod? method = null, KMode k = KMode.Adjustable, int warmup = 1) => new()
    {
        Method = method ?? SearchMethod.Get<VpDartsMethod>(), K = k, Epochs = 4, Warmup = warmup, Layers = 1, Channels = 4, BatchSize = 16, EvalBatchSize = 32,
        Threads = 1, Seed = 7, Dataset = "random",
    };

    /// <summary>
    /// Every method (<see cref="SearchMethod.All"/>, so a new one joins these cases by itself), each with both K modes
    /// when it reads K: the cases of the tests that search with each.
    /// </summary>
    public static TheoryData<SearchMethod, KMode> EveryMethod
    {
        get
        {
            var cases = new TheoryData<SearchMethod, KMode>();
            foreach (var method in SearchMethod.All)
            {
                cases.Add(method, KMode.Adjustable);
                if (method.Options.Contains(nameof(SearchConfig.K))) cases.Add(method, KMode.Fixed);
            }
            return cases;
        }
    }

    /// <summary>Searches with <paramref name="config"/> on random data into <paramref name="dir"/>.</summary>
    public static SearchResult Run(SearchConfig config, string dir, IRunProgress? progress = null, CancellationToken cancel = default) =>
        new SearchRun(config, new RandomSearchData(), new RunDirectory(dir), progress ?? new SilentProgress()).Execute(cancel);

    /// <summary>The metrics lines of the search in <paramref name="dir"/>, without their timings.</summary>
    public static IEnumerable<string> Metrics(string dir) =>
        new RunDirectory(dir).ReadSearchMetrics().Select(MetricsText.WithoutTimings);
}
