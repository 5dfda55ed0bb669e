using System.Collections.Concurrent;

using VpDarts.Runs;
using VpDarts.Runtime;

namespace VpDarts.Experiments;

/// <summary>
/// Runs an experiment's unfinished searches, <c>parallel</c> at a time, through a launcher. Finished searches (their
/// run folder holds <c>result.json</c>) are skipped; unfinished ones resume from their last checkpoint, because the
/// search itself resumes when its folder holds one. A failed search is reported, its reason recorded in
/// <see cref="ExperimentDirectory.FailurePath"/>, and the others go on.
/// </summary>
public sealed class ExperimentRunner(ExperimentPlan plan, ExperimentDirectory dir,
    ISearchLauncher launcher, int parallel)
{
    private readonly object _gate = new();

    /// <summary>Receives one line per event (start, finish, failure); called from worker threads, one at a
    /// time.</summary>
    public Action<string> Note { get; init; } = _ => { };

    /// <summary>Runs every unfinished search of the plan.</summary>
    /// <exception cref="ArgumentException">More than one search at a time through a launcher that cannot do
    /// that.</exception>
    public ExperimentRunSummary Run(CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (parallel < 1) throw new UserInputException($"--parallel: must be at least 1, got {parallel}");
        if (parallel > 1 && !launcher.RunsConcurrently)
            throw new ArgumentException(
                "this launcher runs one search at a time; use a process launcher for --parallel above 1");
        var done = plan.Specs.Where(dir.IsFinished).ToList();
        var pending = plan.Specs.Where(s => !dir.IsFinished(s)).ToList();
        var finished = new List<SearchSpec>();
        var failed = new List<(SearchSpec, string)>();
        if (done.Count > 0)
            Say($"{done.Count} of {plan.Specs.Count} searches already finished: " +
                $"{string.Join(", ", done.Select(s => s.Name))}");
        var started = 0;
        var options = new ParallelOptions { MaxDegreeOfParallelism = parallel, CancellationToken = cancel };
        try
        {
            // No buffering: searches start in plan order, so the first to finish fill every row of the table.
            Parallel.ForEach(Partitioner.Create(pending, EnumerablePartitionerOptions.NoBuffering), options, spec =>
            {
                int number;
                lock (_gate) number = ++started;
                var resumes = Directory.Exists(Path.Combine(dir.RunPath(spec), "checkpoints"));
                Say($"[{number}/{pending.Count}] {(resumes ? "resuming" : "starting")} {spec.Name} (log: " +
                    $"{dir.LogPath(spec)})");
                var clock = Stopwatch.StartNew();
                AtomicFile.TryDelete(dir.FailurePath(spec));
                var error = launcher.Run(spec, dir, cancel);
                if (error is null && !dir.IsFinished(spec)) error = "the search ended without writing result.json";
                if (error is not null)
                    RunDirectory.WriteJson(dir.FailurePath(spec),
                        new SearchFailureRecord { Reason = error, FailedAt = DateTimeOffset.UtcNow });
                lock (_gate)
                {
                    if (error is null) finished.Add(spec);
                    else failed.Add((spec, error));
                }
                Say(error is null
                    ? $"finished {spec.Name} in {clock.Elapsed.TotalMinutes:F1} min"
                    : $"failed {spec.Name}: {error} (log: {dir.LogPath(spec)})");
            });
        }
        catch (AggregateException e) when (e.InnerExceptions.All(x => x is OperationCanceledException))
        {
            throw new OperationCanceledException("experiment stopped", e, cancel);
        }
        return new ExperimentRunSummary(done, Order(finished), failed.OrderBy(f => f.Item1.Index).ToList());
    }

    private static List<SearchSpec> Order(List<SearchSpec> specs) => specs.OrderBy(s => s.Index).ToList();

    private void Say(string line)
    {
        lock (_gate) Note(line);
    }
}
