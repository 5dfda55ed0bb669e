using VpDarts.Benchmark;
using VpDarts.Experiments;
using VpDarts.Runs;
using VpDarts.SearchSpace;

namespace VpDarts.Reporting;

/// <summary>Reads the run folders of an experiment, whatever state they are in.</summary>
public static class ExperimentResults
{
    /// <summary>One outcome per search of <paramref name="plan"/>, in plan order.</summary>
    public static IReadOnlyList<RunOutcome> Collect(ExperimentPlan plan, ExperimentDirectory dir, Nb201Table? table)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(dir);
        return plan.Specs.Select(spec => Read(spec, dir, table)).ToList();
    }

    private static RunOutcome Read(SearchSpec spec, ExperimentDirectory dir, Nb201Table? table)
    {
        var root = dir.RunPath(spec);
        var run = new RunDirectory(root);
        try
        {
            var metrics = Directory.Exists(root) ? run.ReadSearchMetrics() : [];
            if (!File.Exists(run.ResultPath))
            {
                var task = SearchTaskStatus.Read(dir, spec);
                return new RunOutcome(spec, task.State switch
                {
                    SearchTaskState.Running => RunState.Running,
                    SearchTaskState.Interrupted => RunState.Interrupted,
                    SearchTaskState.Failed => RunState.Failed,
                    SearchTaskState.Unfinished => RunState.Unfinished,
                    _ => metrics.Count > 0 ? RunState.Unfinished : RunState.NotStarted,
                }, metrics.Count, Problem: task.Reason);
            }
            var result = RunJson.Parse<SearchResultRecord>(File.ReadAllText(run.ResultPath), run.ResultPath);
            if (!Genotype.TryParse(result.Arch, out var arch, out var error))
                throw new UserInputException($"{run.ResultPath}: '{RunJson.Key(nameof(SearchResultRecord.Arch))}' " +
                    $"{(result.Arch is null ? "is missing" : error)}");
            var finalAlpha = metrics.Count > 0 && metrics[^1].Alpha is { } alpha ? EdgeMatrix.ToArray(alpha) : null;
            var finalImportance = result.FinalImportance is { } importance ? EdgeMatrix.ToArray(importance) : null;
            return new RunOutcome(spec, RunState.Finished, metrics.Count, arch, Scores(arch!, result, table),
                result.SearchSeconds, finalImportance, result.FinalImportanceCriterion, finalAlpha,
                    CpuSeconds: result.CpuSeconds);
        }
        catch (UserInputException e)
        {
            return new RunOutcome(spec, RunState.Unreadable, 0, Problem: e.Message);
        }
    }

    private static Nb201Scores? Scores(Genotype arch, SearchResultRecord result, Nb201Table? table)
    {
        if (table is not null) return table.TryGet(arch, out var scores) ? scores : null;
        if (result.Nb201 is not { } nb) return null;
        var values = Nb201Datasets.All.Select(d => nb.Accuracy(d)).ToArray();
        return values.All(v => v is not null)
            ? new Nb201Scores(values[0]!.Value, values[1]!.Value, values[2]!.Value) : null;
    }
}
