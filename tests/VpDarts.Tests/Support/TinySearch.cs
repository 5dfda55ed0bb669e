namespace VpDarts.Tests.Support;

/// <summary>
/// The tiny searches of the search tests: four epochs (one warm-up) of a one-layer, four-channel supernet on
/// <see cref="RandomSearchData"/>, one thread, seed 7; seconds each.
/// </summary>
public static class TinySearch
{
    /// <summary>The tiny settings for <paramref name="method"/>.</summary>
    public static SearchConfig Config(SearchMethod method = SearchMethod.VpDarts, KMode k = KMode.Adjustable, int warmup = 1) => new()
    {
        Method = method, K = k, Epochs = 4, Warmup = warmup, Layers = 1, Channels = 4, BatchSize = 16, EvalBatchSize = 32,
        Threads = 1, Seed = 7, Dataset = "random",
    };

    /// <summary>Every method, VP-DARTS with both K modes: the cases of the tests that search with each.</summary>
    public static TheoryData<SearchMethod, KMode> EveryMethod => new()
    {
        { SearchMethod.VpDarts, KMode.Adjustable },
        { SearchMethod.VpDarts, KMode.Fixed },
        { SearchMethod.Darts, KMode.Adjustable },
        { SearchMethod.DartsV2, KMode.Adjustable },
        { SearchMethod.HardPrune, KMode.Adjustable },
        { SearchMethod.ProgressivePrune, KMode.Adjustable },
        { SearchMethod.Gdas, KMode.Adjustable },
        { SearchMethod.DrNas, KMode.Adjustable },
    };

    /// <summary>Searches with <paramref name="config"/> on random data into <paramref name="dir"/>.</summary>
    public static SearchResult Run(SearchConfig config, string dir, IRunProgress? progress = null, CancellationToken cancel = default) =>
        new SearchRun(config, new RandomSearchData(), new RunDirectory(dir), progress ?? new SilentProgress()).Execute(cancel);

    /// <summary>The metrics lines of the search in <paramref name="dir"/>, without their timings.</summary>
    public static IEnumerable<string> Metrics(string dir) =>
        new RunDirectory(dir).ReadSearchMetrics().Select(MetricsText.WithoutTimings);
}
