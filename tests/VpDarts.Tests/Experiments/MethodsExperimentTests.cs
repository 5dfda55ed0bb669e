using System.Globalization;
using VpDarts.Tests.Data;

namespace VpDarts.Tests.Experiments;

/// <summary>
/// The <c>methods</c> experiment: VP-DARTS against DARTS-V1/V2, GDAS and DrNAS, each with its authors' settings, and
/// its accuracy table with the CPU minutes per search.
/// </summary>
public sealed class MethodsExperimentTests
{
    private static SearchConfig Tiny => SearchPresets.Get("tiny");

    private static readonly string[] Variants = ["vp-adjustable", "darts", "darts-v2", "gdas", "drnas", "rsps"];

    [Fact]
    public void It_plans_every_method_with_the_methods_own_settings()
    {
        var definition = ExperimentCatalog.Get("methods");
        Assert.Contains("methods", ExperimentCatalog.Names);
        Assert.Equal(ExperimentKind.AccuracyTable, definition.Kind);
        Assert.Equal(Variants, definition.Variants.Select(v => v.Name));
        Assert.All(definition.Variants, v => Assert.False(string.IsNullOrWhiteSpace(v.PaperResult)));

        var plan = ExperimentPlan.Create("methods", "tiny", Tiny, seeds: 2);
        Assert.Equal(Variants.Select(v => v + "-s0").Concat(Variants.Select(v => v + "-s1")), plan.Specs.Select(s => s.Name));
        var configs = plan.Specs.Take(6).Select(s => s.Config).ToList();
        Assert.Equal([SearchMethod.Get<VpDartsMethod>(), SearchMethod.Get<DartsMethod>(), SearchMethod.Get<DartsV2Method>(), SearchMethod.Get<GdasMethod>(), SearchMethod.Get<DrNasMethod>(), SearchMethod.Get<RspsMethod>()], configs.Select(c => c.Method));
        Assert.Equal((KMode.Adjustable, ImportanceCriterion.ValidAccuracy), (configs[0].K, configs[0].Importance));
        Assert.Equal([0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1], plan.Specs.Select(s => s.Config.Seed));

        // Nothing but the method (and VP-DARTS's K and criterion) differs from the preset: the optimiser settings stay
        // unset, so each method runs with its authors' own.
        foreach (var config in configs)
        {
            var differences = SettingsFile<SearchConfig>.Differences(Tiny, config).Select(d => d[..d.IndexOf(':', StringComparison.Ordinal)]);
            Assert.Subset(new HashSet<string> { "method", "k", "importance" }, differences.ToHashSet());
            Assert.Null(config.WeightDecay);
            Assert.Null(config.Nesterov);
            Assert.Null(config.StepOrder);
        }
        Assert.Equal([3e-4, 5e-4, 5e-4, 5e-4, 3e-4, 5e-4], configs.Select(c => c.EffectiveWeightDecay));
        Assert.Equal([false, true, true, true, false, true], configs.Select(c => c.EffectiveNesterov));
        Assert.Equal([StepOrder.ArchFirst, StepOrder.WeightsFirst, StepOrder.ArchFirst, StepOrder.WeightsFirst, StepOrder.ArchFirst,
            StepOrder.WeightsFirst],
            configs.Select(c => c.EffectiveStepOrder));
        Assert.Equal([Tiny.Warmup, 0, 0, 0, 0, 0], configs.Select(c => c.EffectiveWarmup));
    }

    [Fact]
    public void Its_plan_with_unset_settings_is_written_and_read_back()
    {
        using var temp = new TempDir();
        var dir = new ExperimentDirectory(temp.In("exp"));
        var plan = ExperimentPlan.Create("methods", "tiny", Tiny, seeds: 1);
        plan.WriteTo(dir);
        var loaded = ExperimentPlan.Load(dir);
        Assert.Equal("methods", loaded.Definition.Name);
        Assert.Equal(plan.Specs.Select(s => s.Config), loaded.Specs.Select(s => s.Config));
        for (var i = 0; i < plan.Specs.Count; i++)
            Assert.Equal(plan.Specs[i].Config, SettingsFile<SearchConfig>.Load(temp.In("exp", "configs", $"{i}.json")));
    }

    [Fact]
    public void The_accuracy_table_shows_the_mean_cpu_minutes_of_the_searches_that_recorded_them()
    {
        using var temp = new TempDir();
        var dir = new ExperimentDirectory(temp.In("exp"));
        var plan = ExperimentPlan.Create("methods", "tiny", Tiny, seeds: 2);
        plan.WriteTo(dir);
        // CPU seconds per finished search (null: resumed, not recorded); gdas has finished nothing.
        var cpu = new Dictionary<string, double?>
        {
            ["vp-adjustable-s0"] = 60, ["vp-adjustable-s1"] = 180,
            ["darts-s0"] = 90, ["darts-s1"] = null,
            ["darts-v2-s0"] = null, ["darts-v2-s1"] = null,
            ["drnas-s0"] = 30, ["drnas-s1"] = 30,
        };
        foreach (var spec in plan.Specs.Where(s => cpu.ContainsKey(s.Name)))
        {
            var run = new RunDirectory(dir.RunPath(spec));
            Directory.CreateDirectory(run.Root);
            RunDirectory.WriteJson(run.ResultPath, new SearchResultRecord
            {
                Arch = FoundArch, Method = spec.Config.Method.Name, SearchSeconds = 1800, CpuSeconds = cpu[spec.Name],
                Nb201 = new Nb201Record { Cifar10Test = 90, Cifar100Test = 70, ImageNet16_120Test = 40 },
            });
        }

        ExperimentReport.Write(plan, dir, table: null);
        var md = File.ReadAllLines(dir.ReportPath);
        var header = md.First(l => l.StartsWith("| method |", StringComparison.Ordinal)).Split('|').Select(c => c.Trim()).ToList();
        var column = header.IndexOf("CPU min / search");
        Assert.True(column > header.IndexOf("search (h)"), string.Join(" | ", header));
        string Cell(string label) => md.First(l => l.StartsWith($"| {label} |", StringComparison.Ordinal)).Split('|')[column].Trim();
        Assert.Equal("2.0", Cell("VP-DARTS (adjustable K)"));
        Assert.Equal("1.5", Cell("DARTS-V1 (1st order)"));
        Assert.Equal("–", Cell("DARTS-V2 (2nd order)"));
        Assert.Equal("–", Cell("GDAS"));
        Assert.Equal("0.5", Cell("DrNAS"));

        var csv = File.ReadAllLines(Path.Combine(dir.Root, "methods.csv"));
        var csvColumn = Array.IndexOf(csv[0].Split(','), "search_cpu_minutes_mean");
        Assert.Equal(csv[0].Split(',').Length - 1, csvColumn);
        string CsvCell(string row) => csv.First(l => l.StartsWith(row + ",", StringComparison.Ordinal)).Split(',')[^1];
        Assert.Equal(2.0, double.Parse(CsvCell("vp-adjustable"), CultureInfo.InvariantCulture), 12);
        Assert.Equal(1.5, double.Parse(CsvCell("darts"), CultureInfo.InvariantCulture), 12);
        Assert.Equal("", CsvCell("darts-v2"));
        Assert.Equal("", CsvCell("gdas"));
        Assert.Equal(0.5, double.Parse(CsvCell("drnas"), CultureInfo.InvariantCulture), 12);
    }

    private const string FoundArch = "|nor_conv_3x3~0|+|nor_conv_3x3~0|skip_connect~1|+|nor_conv_1x1~0|skip_connect~1|avg_pool_3x3~2|";
}
