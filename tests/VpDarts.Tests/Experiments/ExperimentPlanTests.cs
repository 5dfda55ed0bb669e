using VpDarts.Tests.Data;

namespace VpDarts.Tests.Experiments;

public sealed class ExperimentPlanTests
{
    private static SearchConfig Tiny => SearchPresets.Get("tiny");

    [Fact]
    public void Table1RunsEveryVariantForEverySeedSeedMajor()
    {
        var plan = ExperimentPlan.Create("table1", "tiny", Tiny, seeds: 2);
        Assert.Equal(["vp-fixed-s0", "vp-adjustable-s0", "darts-s0", "vp-fixed-s1", "vp-adjustable-s1", "darts-s1"], plan.Specs.Select(s => s.Name));
        Assert.Equal(Enumerable.Range(0, 6), plan.Specs.Select(s => s.Index));
        Assert.Equal([(SearchMethod.Get<VpDartsMethod>(), KMode.Fixed), (SearchMethod.Get<VpDartsMethod>(), KMode.Adjustable)], plan.Specs.Take(2).Select(s => (s.Config.Method, s.Config.K)));
        Assert.Equal(SearchMethod.Get<DartsMethod>(), plan.Specs[2].Config.Method);
        Assert.Equal([0, 0, 0, 1, 1, 1], plan.Specs.Select(s => s.Config.Seed));
        Assert.All(plan.Specs, s => Assert.Equal(Tiny.Layers, s.Config.Layers));
    }

    [Fact]
    public void AblationVariantsChangeOnlyWhatThePaperChanges()
    {
        var t2 = ExperimentPlan.Create("table2", "tiny", Tiny, 1).Specs;
        Assert.Equal([SearchMethod.Get<HardPruneMethod>(), SearchMethod.Get<ProgressivePruneMethod>(), SearchMethod.Get<VpDartsMethod>()], t2.Select(s => s.Config.Method));
        Assert.Equal(KMode.Fixed, t2[2].Config.K);
        var t3 = ExperimentPlan.Create("table3", "tiny", Tiny, 1).Specs;
        Assert.Equal([ImportanceCriterion.Alpha, ImportanceCriterion.ValidAccuracy], t3.Select(s => s.Config.Importance));
        Assert.All(t3, s => Assert.Equal((SearchMethod.Get<VpDartsMethod>(), KMode.Fixed), (s.Config.Method, s.Config.K)));
        var f8 = ExperimentPlan.Create("fig8", "tiny", Tiny, 1).Specs;
        Assert.Equal([0.1, 0.25, 0.5, 0.75, 1.0], f8.Select(s => s.Config.ValidFraction));
        Assert.Equal(["valid-0.1-s0", "valid-0.25-s0", "valid-0.5-s0", "valid-0.75-s0", "valid-1-s0"], f8.Select(s => s.Name));
        Assert.Equal(SearchMethod.Get<HardPruneMethod>(), Assert.Single(ExperimentPlan.Create("fig5", "tiny", Tiny, 1).Specs).Config.Method);
    }

    [Fact]
    public void InvalidSettingsOfAnyVariantFailBeforeAnythingIsWritten()
    {
        // Progressive pruning needs three pruning epochs; the other variants of table 2 would accept two.
        var error = Assert.Throws<UserInputException>(() => ExperimentPlan.Create("table2", "tiny", Tiny with { Epochs = 3 }, 1));
        Assert.Contains("progressive-prune-s0", error.Message);
        Assert.Throws<UserInputException>(() => ExperimentPlan.Create("table9", "tiny", Tiny, 1));
        Assert.Throws<UserInputException>(() => ExperimentPlan.Create("table1", "tiny", Tiny, 0));
    }

    [Fact]
    public void APlanIsWrittenReadBackAndGuardsItsFolder()
    {
        using var temp = new TempDir();
        var dir = new ExperimentDirectory(temp.In("exp"));
        var plan = ExperimentPlan.Create("table3", "tiny", Tiny, 2);
        plan.WriteTo(dir);
        Assert.Equal(["alpha-s0", "valid-accuracy-s0", "alpha-s1", "valid-accuracy-s1"], File.ReadAllLines(dir.RunsListPath));
        for (var i = 0; i < 4; i++)
            Assert.Equal(plan.Specs[i].Config, SettingsFile<SearchConfig>.Load(temp.In("exp", "configs", $"{i}.json")));

        var loaded = ExperimentPlan.Load(dir);
        Assert.Equal(("table3", "tiny", 2), (loaded.Definition.Name, loaded.Preset, loaded.Seeds));
        Assert.Equal(plan.Specs.Select(s => s.Config), loaded.Specs.Select(s => s.Config));

        ExperimentPlan.Create("table3", "tiny", Tiny with { Threads = 2 }, 3).WriteTo(dir);   // more seeds, other thread count: fine
        Assert.Equal(6, File.ReadAllLines(dir.RunsListPath).Length);
        var changed = Assert.Throws<UserInputException>(() => ExperimentPlan.Create("table3", "tiny", Tiny with { Channels = 8 }, 3).WriteTo(dir));
        Assert.Contains("channels: 4 → 8", changed.Message);
        var other = Assert.Throws<UserInputException>(() => ExperimentPlan.Create("table1", "tiny", Tiny, 1).WriteTo(dir));
        Assert.Contains("holds experiment 'table3'", other.Message);
        Assert.Throws<UserInputException>(() => ExperimentPlan.Load(new ExperimentDirectory(temp.In("empty"))));
    }

    [Fact]
    public void AFolderOfOtherFilesIsNotUsedForAnExperiment()
    {
        using var temp = new TempDir();
        Directory.CreateDirectory(temp.In("mine"));
        File.WriteAllText(temp.In("mine", "notes.txt"), "mine\n");
        var error = Assert.Throws<UserInputException>(() => new ExperimentDirectory(temp.In("mine")));
        Assert.Contains("not empty and holds no experiment", error.Message);
        Assert.Equal(["notes.txt"], Directory.GetFileSystemEntries(temp.In("mine")).Select(Path.GetFileName));

        var cli = ExperimentTestSupport.Experiment(2, "table1", "--preset", "tiny", "--table", Support.Shared.Nb201Table, "--out", temp.In("mine"));
        Assert.Contains("holds no experiment", cli.Err);
        Assert.Equal(["notes.txt"], Directory.GetFileSystemEntries(temp.In("mine")).Select(Path.GetFileName));
    }

    [Theory]
    [InlineData(2, 1, 2, 2, false)]
    [InlineData(2, 2, 2, 1, false)]
    [InlineData(2, 1, 1, 1, false)]
    [InlineData(8, 3, 16, 2, false)]
    [InlineData(2, 3, 2, 1, true)]
    public void EachParallelSearchGetsAFairShareOfTheCores(int cores, int parallel, int requested, int expected, bool oversubscribed)
    {
        var threads = ThreadBudget.PerSearch(cores, parallel, requested);
        Assert.Equal(expected, threads);
        Assert.Equal(oversubscribed, ThreadBudget.Oversubscription(cores, parallel, threads) is not null);
    }
}
