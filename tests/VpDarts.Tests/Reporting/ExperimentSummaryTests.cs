namespace VpDarts.Tests.Reporting;

/// <summary>How an experiment's summary lists searches that failed, and its accuracy figure's legend; fabricated run folders only.</summary>
public sealed class ExperimentSummaryTests() : TempFolderTests("vpdarts-summary-")
{
    private const string Cell = "|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|skip_connect~0|nor_conv_1x1~1|nor_conv_3x3~2|";

    /// <summary>A launcher that writes nothing but what each search's <see cref="Outcome"/> says, at once.</summary>
    private sealed class FabricatingLauncher(Func<SearchSpec, ExperimentDirectory, string?> outcome) : ISearchLauncher
    {
        public bool RunsConcurrently => false;

        public string? Run(SearchSpec spec, ExperimentDirectory dir, CancellationToken cancel) => outcome(spec, dir);
    }

    private static ExperimentPlan Table1(ExperimentDirectory dir)
    {
        var plan = ExperimentPlan.Create("table1", "tiny", SearchPresets.Get("tiny"), 1, checkDataset: false);
        plan.WriteTo(dir);
        return plan;
    }

    private static void Metrics(string root, int lines)
    {
        Directory.CreateDirectory(root);
        File.WriteAllLines(Path.Combine(root, "metrics.jsonl"), Enumerable.Range(0, lines).Select(e => $"{{\"epoch\": {e}}}"));
    }

    [Fact]
    public void A_failed_search_is_listed_as_failed_with_its_reason_never_as_not_started()
    {
        var dir = new ExperimentDirectory(In("exp"));
        var plan = Table1(dir);
        // vp-fixed fails before its folder exists (bad data); vp-adjustable fails after two epochs; darts finishes.
        var launcher = new FabricatingLauncher((spec, d) =>
        {
            var root = d.RunPath(spec);
            switch (spec.Variant.Name)
            {
                case "vp-fixed": return "cannot load the data set, quoted \"x\", with a comma";
                case "vp-adjustable": Metrics(root, 2); return "exit code 1: error: numeric fault in epoch 2";
                default:
                    Metrics(root, 4);
                    File.WriteAllText(Path.Combine(root, "result.json"), $$"""{"arch": "{{Cell}}", "search_seconds": 60}""");
                    return null;
            }
        });

        var summary = new ExperimentRunner(plan, dir, launcher, 1).Run();
        Assert.Equal(2, summary.Failed.Count);
        Assert.True(File.Exists(dir.FailurePath(plan.Specs[0])));
        ExperimentReport.Write(plan, dir, null);

        var md = File.ReadAllText(dir.ReportPath);
        Assert.Contains("Finished: 1 of 3. Failed: vp-fixed-s0 (cannot load the data set, quoted \"x\", with a comma), " +
                        "vp-adjustable-s0 (exit code 1: error: numeric fault in epoch 2).", md);
        Assert.DoesNotContain("NotStarted", md);
        Assert.DoesNotContain("Not started", md);
        Assert.Contains("| vp-adjustable-s0 | Failed: exit code 1: error: numeric fault in epoch 2 |", md);
        var csv = File.ReadAllLines(dir.In("runs.csv"));
        Assert.EndsWith(",problem", csv[0]);
        Assert.Equal("vp-fixed-s0,vp-fixed,0,failed,,,,,,,\"cannot load the data set, quoted \"\"x\"\", with a comma\"", csv[1]);
        Assert.StartsWith("vp-adjustable-s0,vp-adjustable,0,failed,", csv[2]);
        Assert.EndsWith(",exit code 1: error: numeric fault in epoch 2", csv[2]);
        Assert.StartsWith("darts-s0,darts,0,finished,", csv[3]);

        // Started again, a search is no longer failed: it is unfinished while it runs, finished once it has its result.
        var retry = new FabricatingLauncher((spec, d) =>
        {
            Assert.False(File.Exists(d.FailurePath(spec)));
            Metrics(d.RunPath(spec), 4);
            File.WriteAllText(Path.Combine(d.RunPath(spec), "result.json"), $$"""{"arch": "{{Cell}}"}""");
            return null;
        });
        Assert.Empty(new ExperimentRunner(plan, dir, retry, 1).Run().Failed);
        Assert.All(ExperimentResults.Collect(plan, dir, null), o => Assert.Equal(RunState.Finished, o.State));
    }

    [Fact]
    public void Accuracy_figure_keeps_its_legend_when_the_first_variant_has_no_finished_run()
    {
        var dir = new ExperimentDirectory(In("legend"));
        var plan = Table1(dir);
        var outcomes = plan.Specs.Select(spec => spec.Variant.Name == "darts"
            ? new RunOutcome(spec, RunState.Finished, 4, Genotype.Parse(Cell), new Nb201Scores(90, 70, 40))
            : new RunOutcome(spec, RunState.NotStarted, 0)).ToList();
        Assert.NotEqual("darts", plan.Definition.Variants[0].Name);

        foreach (var dataset in Nb201Datasets.All)
        {
            using var panel = ExperimentFigures.AccuracyPanel(plan, outcomes, null, dataset);
            Assert.Equal(["one seed", "mean ± std"], panel.Legend.GetItems().Select(i => i.LabelText));
        }
    }
}
