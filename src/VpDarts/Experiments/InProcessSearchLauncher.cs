using VpDarts.Benchmark;
using VpDarts.Runs;
using VpDarts.Search;

namespace VpDarts.Experiments;

/// <summary>
/// Runs searches inside this process, one at a time (TorchSharp's thread count is process-wide). A failed search
/// (bad data, a numeric fault) is reported and does not stop the experiment; cancellation does. Each search's
/// provenance records <paramref name="arguments"/>, the command line of the experiment that starts it.
/// </summary>
public sealed class InProcessSearchLauncher(Nb201Table? table, IReadOnlyList<string> arguments) : ISearchLauncher
{
    /// <inheritdoc />
    public bool RunsConcurrently => false;

    /// <inheritdoc />
    public string? Run(SearchSpec spec, ExperimentDirectory dir, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(dir);
        using var writer = dir.OpenLog(spec);
        using var run = new RunDirectory(dir.RunPath(spec));
        try
        {
            using var data = SearchRun.LoadData(spec.Config);
            writer.WriteLine(
                $"{spec.Name}: {data.Name}, {data.TrainCount} search-train / {data.ValidCount} search-valid images");
            // Its lock: one search per folder, whoever else runs the experiment.
            run.Create("run folder", "vpdarts experiment run", arguments);
            new SearchRun(spec.Config, data, run, new LineProgress(writer),
                table is null ? null : arch => Nb201Scoring.Score(table, arch)).Execute(cancel);
            return null;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            writer.WriteLine($"error: {e}");
            return OneLine.Of(e);
        }
    }
}
