using VpDarts.Benchmark;
using VpDarts.Experiments;
using VpDarts.Runtime;
using VpDarts.SearchSpace;

namespace VpDarts.Reporting;

/// <summary>Figure 5: how well |α| and the validation ablation of a supernet trained without pruning rank each edge's
/// operations.</summary>
public static class RankingReport
{
    /// <summary>Random cells drawn for the benchmark ranking.</summary>
    public const int Samples = OpRanking.DefaultSamples;

    /// <summary>Seed of that draw.</summary>
    public const int Seed = 0;

    /// <summary>
    /// Per finished run that recorded both readings, the agreement of |α| (last metrics line) and of the final
    /// ablation (<c>final_importance</c>; lower accuracy without the op = more important, higher loss for a loss
    /// criterion) with <paramref name="ranking"/>; then, for two or more runs, the per-edge mean over runs.
    /// </summary>
    public static IReadOnlyList<RankingAgreement> Agreements(IReadOnlyList<RunOutcome> outcomes, OpRanking ranking)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        ArgumentNullException.ThrowIfNull(ranking);
        var rows = new List<RankingAgreement>();
        foreach (var o in outcomes.Where(o =>
            o.State == RunState.Finished && o.FinalAlpha is not null && o.FinalImportance is not null))
        {
            var sign = Runs.OptionNames.Find<Runs.ImportanceCriterion>(
                o.FinalImportanceCriterion) == Runs.ImportanceCriterion.ValidLoss ? 1.0 : -1.0;
            rows.Add(new RankingAgreement(o.Spec.Name, "alpha", ranking.Agreement(Map(o.FinalAlpha!, Math.Abs))));
            rows.Add(new RankingAgreement(o.Spec.Name, "validation",
                ranking.Agreement(Map(o.FinalImportance!, v => sign * v))));
        }
        if (rows.Count > 2)
            foreach (var reading in new[] { "alpha", "validation" })
            {
                var of = rows.Where(r => r.Reading == reading).ToList();
                rows.Add(new RankingAgreement("mean", reading, Enumerable.Range(0, CellTopology.EdgeCount)
                    .Select(e => of.Select(r => r.PerEdge[e]).Where(double.IsFinite).DefaultIfEmpty(double.NaN)
                    .Average()).ToArray()));
            }
        return rows;
    }

    private static double[,] Map(double[,] m, Func<double, double> f)
    {
        var r = new double[m.GetLength(0), m.GetLength(1)];
        for (var i = 0; i < m.GetLength(0); i++)
            for (var j = 0; j < m.GetLength(1); j++) r[i, j] = f(m[i, j]);
        return r;
    }

    /// <summary>Label of a reading in tables and figures.</summary>
    public static string ReadingLabel(string reading)
        => reading == "alpha" ? "|α| (architecture weight)" : "validation accuracy without the op";

    internal static IReadOnlyList<string> Write(StringBuilder doc, ExperimentPlan plan, ExperimentDirectory dir,
        IReadOnlyList<RunOutcome> outcomes, Nb201Table? table, List<string> files)
    {
        doc.AppendLine("## Which supernet, read when").AppendLine();
        doc.AppendLine("The paper reads a supernet \"after the DARTS training method\". Here it is trained by " +
                       "`hard-prune`: the supernet VP-DARTS trains (raw α without softmax, dropout 0.2 after skip " +
                       "connections, warm-up with α frozen, then alternating α and weight steps), with nothing " +
                       "pruned before the end, so every operation stays in it for the whole search. The last point " +
                       "at which it is still complete is the end of training, just before the final choice of the " +
                       "cell, and both readings are taken there: **α** from the last line of `metrics.jsonl` (the " +
                       "final choice does not change α), and the **validation ablation** from `result.json` " +
                       "`final_importance`, the search-valid accuracy of the supernet with each operation removed, " +
                       "measured on the whole search-valid split. A VP-DARTS run would not do, because from its " +
                       "first pruning epoch its α is rewritten by the pruning itself; plain DARTS records no ablation.")
                           .AppendLine();
        if (table is null)
        {
            doc.AppendLine("No NB201 table was given, so there is no benchmark ranking to compare with: pass " +
                "`--table FILE`.").AppendLine();
            return ["no NB201 table: no Kendall τ"];
        }
        var ranking = OpRanking.FromTable(table, Samples, Seed);
        doc.AppendLine("## Benchmark ranking").AppendLine();
        doc.AppendLine($"For each edge, {Samples} distinct cells are drawn at random from the table (`new " +
                       $"Random({Seed})`, one draw for all edges); each of the five operations is put on the edge in " +
                       "turn, the five cells are ranked by their CIFAR-10 test accuracy in the table (1 = best, ties " +
                       "share their mean rank), and each operation's rank is averaged over the draws. Mean rank per " +
                       "edge (lower = better):").AppendLine();
        var edges = Enumerable.Range(0, CellTopology.EdgeCount).ToList();
        doc.Append(ExperimentReport.MarkdownTable(["operation", .. edges.Select(CellTopology.EdgeLabel)],
            Operations.All.Select(op => (IReadOnlyList<string>)[op.Name(),
                .. edges.Select(e => ExperimentReport.F(ranking.AverageRank[e, (int)op], 2))])));
        doc.AppendLine();

        var rows = Agreements(outcomes, ranking);
        doc.AppendLine("## Result").AppendLine();
        if (rows.Count == 0) doc.AppendLine("No finished run yet.").AppendLine();
        else
        {
            doc.Append(ExperimentReport.MarkdownTable(
                ["run", "reading", .. edges.Select(CellTopology.EdgeLabel), "mean"],
                rows.Select(r => (IReadOnlyList<string>)[r.Run, ReadingLabel(r.Reading),
                    .. r.PerEdge.Select(t => ExperimentReport.F(t, 2)), ExperimentReport.F(r.Mean, 2)])));
            doc.AppendLine();
            doc.AppendLine("Each value is Kendall's τ-b between the reading's order of the five operations on an " +
                           "edge (|α| larger = more important; accuracy without the operation lower = more " +
                           "important) and the benchmark's mean-rank order; τ-b corrects for ties and equals the " +
                           "paper's (C − D)/(C + D) without them. `mean` is the mean over the six edges. The paper " +
                           "reports −0.2 for α and 0.6 for the validation accuracy.").AppendLine();
        }
        doc.AppendLine("![Kendall τ per edge](figures/kendall.png)").AppendLine();
        doc.AppendLine("The figure is also in `figures/kendall.svg`, for papers.").AppendLine();

        var csv = new StringBuilder("run,reading,edge,tau_b\n");
        foreach (var r in rows)
        {
            foreach (var e in edges)
                csv.AppendLine($"{CsvText.Cell(r.Run)},{r.Reading},{CellTopology.EdgeLabel(e)}," +
                    $"{ExperimentReport.Csv(r.PerEdge[e])}");
            csv.AppendLine($"{CsvText.Cell(r.Run)},{r.Reading},mean,{ExperimentReport.Csv(r.Mean)}");
        }
        var truth = new StringBuilder("edge,operation,mean_rank,samples\n");
        foreach (var e in edges)
            foreach (var op in Operations.All)
                truth.AppendLine($"{CellTopology.EdgeLabel(e)},{op.Name()}," +
                    $"{ExperimentReport.Csv(ranking.AverageRank[e, (int)op])},{ranking.SamplesUsed[e]}");
        var csvPath = dir.In(plan.Definition.Name + ".csv");
        var truthPath = dir.In(plan.Definition.Name + "-benchmark-ranking.csv");
        AtomicFile.WriteAllText(csvPath, csv.ToString());
        AtomicFile.WriteAllText(truthPath, truth.ToString());
        var figure = Path.Combine(dir.FiguresPath, "kendall.png");
        ExperimentFigures.Kendall(figure, rows);
        files.AddRange([csvPath, truthPath, figure]);
        var summaryRows = rows.Any(r => r.Run == "mean") ? rows.Where(r => r.Run == "mean") : rows;
        return summaryRows.Select(r => $"{r.Run} {ReadingLabel(r.Reading)}: mean Kendall τ-b " +
                                       $"{ExperimentReport.F(r.Mean, 2)} (paper " +
                                       $"{(r.Reading == "alpha" ? "-0.2" : "0.6")})").ToList();
    }
}
