using VpDarts.Data;
using VpDarts.Runs;
using VpDarts.SearchSpace;

namespace VpDarts.Search;

/// <summary>
/// A search of one run folder: checks the folder's record against the settings, returns a finished search's result
/// as recorded, and otherwise runs (or resumes) the one search loop, <see cref="SearchLoop"/>.
/// </summary>
public sealed class SearchRun(
    SearchConfig config, ISearchData data, RunDirectory run, IRunProgress progress,
    Func<Genotype, Nb201Record?>? score = null)
{
    /// <summary>Loads the training split of the config's dataset and splits it: search-train, search-valid.</summary>
    public static DatasetSearchData LoadData(SearchConfig config) =>
        DatasetSearchData.Load(config.Dataset, DataOptions.ForDataDir(config.DataDir, config.ImageSize), config.Seed,
            config.TrainLimit, config.ValidLimit, config.FixedSplit);

    /// <summary>
    /// Checks the record of <paramref name="run"/> before a search continues from it under <paramref name="config"/>
    /// (resolved): <see cref="RunRecordCheck.Check"/> with the settings a resume may change. <see cref="Execute"/>
    /// checks it too; a caller may check first, before it loads the data.
    /// </summary>
    /// <exception cref="UserInputException">
    /// The record disagrees with itself or with <paramref name="config"/>.
    /// </exception>
    public static void CheckRecord(RunDirectory run, SearchConfig config)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(config);
        RunRecordCheck.Check<SearchConfig>(run, config.Epochs, run.ReadSearchMetrics().Select(m => m.Epoch).ToList(),
            stored => SameRun(config, stored));
    }

    /// <summary>
    /// <paramref name="config"/> with the values of <paramref name="stored"/> that do not change what is searched:
    /// threads, the table, the data cache folder.
    /// </summary>
    private static SearchConfig SameRun(SearchConfig config, SearchConfig stored) =>
        config with { Threads = stored.Threads, Table = stored.Table, DataDir = stored.DataDir };

    /// <summary>Called with each epoch's metrics line after it is written (TensorBoard, live plots).</summary>
    public Action<SearchEpochRecord>? OnEpoch { get; init; }

    /// <summary>Runs (or, when the run folder holds a checkpoint, resumes) the search.</summary>
    public SearchResult Execute(CancellationToken cancel = default)
    {
        config = config.Validate(checkDataset: false).Resolved();  // the data is given; its spec is only a label here
        run.RequireSameSettings<SearchConfig>(stored => SameRun(config, stored), "a search", "search",
            stored => stored.AsRecorded() with { Dataset = RunRecordCheck.DatasetFor(run, stored.Dataset) });
        CheckRecord(run, config);
        RunRecordCheck.CheckData(run, data.Fingerprint);
        var recorded = run.ReadSearchMetrics();
        if (File.Exists(run.ResultPath)) return FinishedSearch.Result(run, progress);
        return new SearchLoop(config, data, run, progress, score, OnEpoch).Run(recorded, cancel);
    }
}
