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
        if (!Directory.Exists(root)) return new RunOutcome(spec, RunState.NotStarted, 0);
        var run = new RunDirectory(root);
        try
        {
            var metrics = run.ReadMetrics();
            if (!File.Exists(run.ResultPath))
                return new RunOutcome(spec, metrics.Count > 0 ? RunState.Unfinished : RunState.NotStarted, metrics.Count);
            var result = JsonFields.Parse(File.ReadAllText(run.ResultPath), run.ResultPath);
            var archText = result.Text("arch") ?? throw result.Error("arch", "is missing");
            if (!Genotype.TryParse(archText, out var arch, out var error)) throw result.Error("arch", error);
            var finalAlpha = metrics.Count > 0 ? new JsonFields(metrics[^1], $"{run.MetricsPath}:{metrics.Count}").EdgeMatrix("alpha") : null;
            return new RunOutcome(spec, RunState.Finished, metrics.Count, arch, Scores(arch!, result, table),
                result.Number("search_seconds"), result.EdgeMatrix("final_importance"), result.Text("final_importance_criterion"), finalAlpha);
        }
        catch (UserInputException e)
        {
            return new RunOutcome(spec, RunState.Unreadable, 0, Problem: e.Message);
        }
    }

    private static Nb201Scores? Scores(Genotype arch, JsonFields result, Nb201Table? table)
    {
        if (table is not null) return table.TryGet(arch, out var scores) ? scores : null;
        if (result.Fields("nb201") is not { } nb) return null;
        var values = Nb201Datasets.All.Select(d => nb.Number(d.Key())).ToArray();
        return values.All(v => v is not null) ? new Nb201Scores(values[0]!.Value, values[1]!.Value, values[2]!.Value) : null;
    }
}
