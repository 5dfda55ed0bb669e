using System.Text.Json.Nodes;
using static VpDarts.Tests.Experiments.ExperimentTestSupport;

namespace VpDarts.Tests.Experiments;

/// <summary>Sweeps planned from a grid, their errors and their cluster jobs; nothing here searches.</summary>
public sealed class SweepPlanTests() : TempFolderTests("vpdarts-sweep-")
{
    private static SearchConfig Tiny => SearchPresets.Get("tiny");

    [Fact]
    public void TheVariantsAreEveryCombinationNamedByTheirValuesAndTheGridWinsOverTheBaseSettings()
    {
        var grid = SweepGrid.Parse(["weight-lr=0.01,0.025", "k=fixed,adjustable"]);
        Assert.Equal(["weight_lr=0.01,0.025", "k=fixed,adjustable"], grid.Arguments);
        var baseConfig = Tiny with { WeightLr = 0.5, K = KMode.Adjustable, Channels = 8 };
        var plan = ExperimentPlan.Create(grid.Definition(), "tiny", baseConfig, seeds: 2);

        string[] variants = ["weight_lr=0.01+k=fixed", "weight_lr=0.01+k=adjustable", "weight_lr=0.025+k=fixed", "weight_lr=0.025+k=adjustable"];
        Assert.Equal([.. variants.Select(v => v + "-s0"), .. variants.Select(v => v + "-s1")], plan.Specs.Select(s => s.Name));
        Assert.Equal("weight_lr=0.01, k=fixed", plan.Specs[0].Variant.Label);
        Assert.Equal([(0.01, KMode.Fixed), (0.01, KMode.Adjustable), (0.025, KMode.Fixed), (0.025, KMode.Adjustable)],
            plan.Specs.Take(4).Select(s => (s.Config.WeightLr, s.Config.K)));
        Assert.Equal([0, 0, 0, 0, 1, 1, 1, 1], plan.Specs.Select(s => s.Config.Seed));
        Assert.All(plan.Specs, s => Assert.Equal(baseConfig with { WeightLr = s.Config.WeightLr, K = s.Config.K, Seed = s.Seed }, s.Config));
        Assert.Equal(("sweep", ExperimentKind.AccuracyTable), (plan.Definition.Name, plan.Definition.Kind));
        Assert.Contains("weight_lr ∈ {0.01, 0.025} × k ∈ {fixed, adjustable}", plan.Definition.Purpose);
    }

    [Fact]
    public void ValuesAreReadWithTheKeysTypeAndFolderNamesStaySafeAndDistinct()
    {
        var specs = ExperimentPlan.Create(SweepGrid.Parse(["nesterov=true,false", "weight_decay=null,3e-4", "k-mode=fixed", "method=darts"]).Definition(),
            "tiny", Tiny, 1).Specs;
        Assert.Equal(new bool?[] { true, true, false, false }, specs.Select(s => s.Config.Nesterov));
        Assert.Equal(new double?[] { null, 3e-4, null, 3e-4 }, specs.Select(s => s.Config.WeightDecay));
        Assert.All(specs, s => Assert.Equal((KMode.Fixed, SearchMethod.Get<DartsMethod>()), (s.Config.K, s.Config.Method)));

        var paths = SweepGrid.Parse(["dataset=folder:/data/a b,folder:/data/a_b,folder:/data/c"]).Variants().Select(v => v.Name).ToList();
        Assert.Equal(["dataset=folder__data_a_b~1", "dataset=folder__data_a_b~2", "dataset=folder__data_c"], paths);
        Assert.Equal("dataset=folder:/data/a b", SweepGrid.Parse(["dataset=folder:/data/a b"]).Variants()[0].Label);
    }

    [Theory]
    [InlineData("foo=1", "unknown key 'foo'")]
    [InlineData("weight_lr=abc", "key 'weight_lr'")]
    [InlineData("k=fixed,sometimes", "sometimes")]
    [InlineData("weight_lr=", "no values")]
    [InlineData("weight_lr=0.01,,0.1", "an empty value")]
    [InlineData("weight_lr", "expected KEY=V1,V2")]
    [InlineData("seed=0,1", "--seeds")]
    [InlineData("weight_lr=0.01,1e-2", "'1e-2' repeats '0.01'")]
    public void ABadGridArgumentIsOneLineNamingItAndNothingIsCreated(string argument, string expected)
    {
        var dir = In("exp");
        var error = Assert.Single(Experiment(2, "sweep", "--grid", "channels=4", "--grid", argument, "--preset", "tiny", "--table", Table, "--out", dir).ErrLines);
        Assert.StartsWith($"error: --grid {argument}", error);
        Assert.Contains(expected, error);
        Assert.False(Directory.Exists(dir));
    }

    [Fact]
    public void ARepeatedKeyAMissingGridAndAnInvalidCombinationAreRefusedBeforeAnythingIsCreated()
    {
        var dir = In("exp");
        Assert.Contains("error: --grid weight-lr=0.1: key 'weight_lr' is already swept by --grid weight_lr=0.01",
            Experiment(2, "sweep", "--grid", "weight_lr=0.01", "--grid", "weight-lr=0.1", "--preset", "tiny", "--table", Table, "--out", dir).Err);
        Assert.Contains("error: --grid: give at least one", Experiment(2, "sweep", "--preset", "tiny", "--table", Table, "--out", dir).Err);
        var combination = Experiment(2, "sweep", "--grid", "epochs=2,4", "--grid", "warmup=1,3", "--preset", "tiny", "--table", Table, "--out", dir);
        Assert.Contains("error: --grid: variant epochs=2, warmup=3: --warmup (3) must be less than --epochs (2)", combination.Err);
        var values = string.Join(',', Enumerable.Range(1, 11).Select(i => (i / 100.0).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Contains("error: --grid: 11 × 11 × 11 × 11 combinations are more than 10,000 variants",
            Experiment(2, "sweep", "--grid", "weight_lr=" + values, "--grid", "arch_lr=" + values, "--grid", "momentum=" + values,
                "--grid", "weight_lr_min=" + values, "--preset", "tiny", "--table", Table, "--out", dir).Err);
        Assert.False(Directory.Exists(dir));
    }

    [Fact]
    public void EmitWritesOneArrayTaskPerRunAndTheFolderKeepsItsGrid()
    {
        var dir = In("exp");
        var config = In("lr.json");
        File.WriteAllText(config, """{"weight_lr": 0.3, "channels": 8}""");
        string[] command = ["sweep", "--grid", "weight-lr=0.01,0.025", "--grid", "k=fixed,adjustable", "--preset", "tiny", "--seeds", "2",
                            "--config", config, "--parallel", "3", "--emit", "slurm", "--table", Table, "--out", dir];
        var result = Experiment(0, command);
        Assert.Contains("8 searches", result.Out);
        var script = File.ReadAllText(Path.Combine(dir, "slurm.sh"));
        Assert.Contains("#SBATCH --array=0-7%3\n", script);
        Assert.Contains("#SBATCH --job-name=vpdarts-sweep\n", script);
        Assert.Contains("set -- search --config \"$EXP/configs/$I.json\" --out \"$RUN\"", script);
        var runs = File.ReadAllLines(Path.Combine(dir, "runs.txt"));
        Assert.Equal(8, runs.Length);
        Assert.Equal("weight_lr=0.025+k=fixed-s1", runs[6]);
        var six = SettingsFile<SearchConfig>.Load(Path.Combine(dir, "configs", "6.json"));
        Assert.Equal((0.025, KMode.Fixed, 8, 1), (six.WeightLr, six.K, six.Channels, six.Seed));   // the grid wins over the config file
        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "experiment.json")))!;
        Assert.Equal("sweep", manifest["experiment"]!.GetValue<string>());
        Assert.Equal(["weight_lr=0.01,0.025", "k=fixed,adjustable"], manifest["grid"]!.AsArray().Select(g => g!.GetValue<string>()));
        var loaded = ExperimentPlan.Load(new ExperimentDirectory(dir));
        Assert.Equal(runs, loaded.Specs.Select(s => s.Name));
        Assert.Equal(Enumerable.Range(0, 8).Select(i => SettingsFile<SearchConfig>.Load(Path.Combine(dir, "configs", $"{i}.json"))), loaded.Specs.Select(s => s.Config));

        Experiment(0, command);   // the same sweep again: goes on in its folder
        var other = Experiment(2, "sweep", "--grid", "weight_lr=0.01,0.05", "--preset", "tiny", "--config", config, "--table", Table, "--out", dir);
        Assert.Equal($"error: {dir}: holds a sweep over --grid weight_lr=0.01,0.025 --grid k=fixed,adjustable, not --grid weight_lr=0.01,0.05; " +
                     "give the same grid to go on with it, or another --out", Assert.Single(other.ErrLines));
        Assert.Contains("holds experiment 'sweep', not 'table1'",
            Experiment(2, "table1", "--preset", "tiny", "--config", config, "--table", Table, "--out", dir).Err);

        var k8s = In("k8s");
        Experiment(0, "sweep", "--grid", "k=fixed,adjustable", "--preset", "tiny", "--seeds", "1", "--emit", "k8s", "--table", Table, "--out", k8s);
        var yaml = File.ReadAllText(Path.Combine(k8s, "k8s-job.yaml"));
        Assert.Contains("  completions: 2\n", yaml);
        Assert.Contains("name: \"vpdarts-sweep\"\n", yaml);
        Assert.Equal(["k=fixed-s0", "k=adjustable-s0"], File.ReadAllLines(Path.Combine(k8s, "runs.txt")));
        Assert.DoesNotContain("nvidia.com/gpu", yaml);

        // One job file serves every run, so it asks for what the most demanding variant needs.
        var gpu = In("gpu");
        Experiment(0, "sweep", "--grid", "device=cpu,cuda", "--grid", "threads=1,3", "--preset", "tiny", "--seeds", "1", "--emit", "slurm", "--table", Table, "--out", gpu);
        var gpuScript = File.ReadAllText(Path.Combine(gpu, "slurm.sh"));
        Assert.Contains("#SBATCH --gres=gpu:1\n", gpuScript);
        Assert.Contains("#SBATCH --cpus-per-task=3\n", gpuScript);
    }
}
