using VpDarts.Models;
using VpDarts.Runs;
using VpDarts.SearchSpace;
using VpDarts.Strategies;

namespace VpDarts.Search;

/// <summary>
/// What a search records in its run folder besides checkpoints: a line of <c>metrics.jsonl</c> per epoch (handed on
/// to <c>OnEpoch</c>) and, at the end, <c>result.json</c> with the search's seconds, counted from when this is made.
/// </summary>
internal sealed class SearchRecords(
    SearchConfig config, RunDirectory run, RunStart<SearchEpochRecord> start, Supernet net, ISearchStrategy strategy,
    Func<Genotype, Nb201Record?>? score, Action<SearchEpochRecord>? onEpoch)
{
    private readonly Stopwatch searchClock = Stopwatch.StartNew();
    private readonly TimeSpan cpuAtStart = ProcessCpuTime();
    private readonly double priorSeconds = start.Metrics.Sum(m => m.Seconds?.Total ?? 0);

    /// <summary>
    /// Adds <paramref name="epoch"/>'s metrics line, writes <c>metrics.jsonl</c>, hands the line to <c>OnEpoch</c>
    /// and returns it. An α that is no longer finite fails the search with the run's advice.
    /// </summary>
    public SearchEpochRecord AddEpoch(int epoch, EpochPlan plan, double lr, EpochStats stats, EpochStart begun,
        Genotype? arch)
    {
        var metrics = start.Metrics;
        try
        {
            metrics.Add(SearchMetrics.Epoch(epoch, plan.Phase, lr, stats, net, strategy, begun.Decision, arch,
                arch is null ? null : score?.Invoke(arch), stats.Seconds + begun.Decision.Seconds));
        }
        catch (NumericFaultException e)
        {
            throw new NumericFaultException($"{e.Message}; {NumericFaultAdvice.For(run, "search", "--arch-lr")}");
        }
        run.WriteMetrics(metrics);
        onEpoch?.Invoke(metrics[^1]);
        return metrics[^1];
    }

    /// <summary>
    /// Writes <c>result.json</c> for the final cell (the CPU seconds only for a search that ran whole in this
    /// process) and returns the search's outcome.
    /// </summary>
    public SearchResult WriteResult(FinalSelection final)
    {
        var totalSeconds = priorSeconds + searchClock.Elapsed.TotalSeconds;
        var nb201 = score?.Invoke(final.Arch);
        double? cpuSeconds = start.FirstEpoch == 0 && start.Checkpoint is null
            ? (ProcessCpuTime() - cpuAtStart).TotalSeconds
            : null;
        run.RequireInPlace();
        RunDirectory.WriteJson(run.ResultPath,
            SearchMetrics.Result(config, final, nb201, totalSeconds, start.Metrics, cpuSeconds) with
            {
                RunId = RunRecordCheck.RunId(run.Root),
                MetricsSha256 = RunRecordCheck.MetricsSha256(run.MetricsPath, int.MaxValue),
            });
        return new SearchResult(final.Arch, nb201, totalSeconds, run.Root);
    }

    private static TimeSpan ProcessCpuTime()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }
}
