using System.Text.Json.Nodes;
using VpDarts.Cli.Commands;

namespace VpDarts.Tests.Cli;

/// <summary><c>--faithful-to-code</c> on the command line: it sets the authors' conditions, and options given with it still win.</summary>
public sealed class FaithfulToCodeOptionTests() : TempFolderTests("vpdarts-cli-faithful-")
{
    private static SearchConfig Build(SearchSettings settings) => settings.BuildConfig("tiny") with { Table = null };

    [Fact]
    public void The_switch_applies_the_authors_conditions_over_the_preset()
    {
        var preset = SearchPresets.Get("tiny");
        Assert.Equal(preset.FaithfulToCode(), Build(new SearchCommandSettings { FaithfulToCode = true }));
        Assert.Equal(preset, Build(new SearchCommandSettings()));
    }

    [Fact]
    public void Options_given_with_the_switch_win()
    {
        var config = Build(new SearchCommandSettings { FaithfulToCode = true, EvalBatchSize = 128 });
        Assert.Equal(128, config.EvalBatchSize);
        Assert.Equal(SearchPresets.Get("tiny").FaithfulToCode() with { EvalBatchSize = 128 }, config);

        var paired = Build(new SearchCommandSettings { FaithfulToCode = true, ResamplePerOp = false, AblationDropout = false });
        Assert.False(paired.ResampleSubsetPerOp);
        Assert.False(paired.AblationDropout);
        Assert.True(paired.AblationAugment);
        Assert.Equal(TieRule.Code, paired.TieRule);
        Assert.Equal(64, paired.EvalBatchSize);

        var method = Build(new SearchCommandSettings { FaithfulToCode = true, Method = "hard-prune", Seed = 3 });
        Assert.Equal((SearchMethod.Get<HardPruneMethod>(), 3, true), (method.Method, method.Seed, method.FixedSplit));
    }

    [Fact]
    public void A_search_with_the_switch_records_its_conditions_and_the_option_given_with_it()
    {
        var outDir = In("run");
        CliHarness.Succeeds("search", "--preset", "tiny", "--faithful-to-code", "--eval-batch-size", "128", "--out", outDir);
        var config = JsonNode.Parse(File.ReadAllText(Path.Combine(outDir, "config.json")))!;
        Assert.Equal(128, config["eval_batch_size"]!.GetValue<int>());
        Assert.Equal("code", config["tie_rule"]!.GetValue<string>());
        foreach (var key in new[] { "resample_subset_per_op", "ablation_dropout", "ablation_augment", "fixed_split" })
            Assert.True(config[key]!.GetValue<bool>(), key);
        Assert.False(config["skip_uninformative_edges"]!.GetValue<bool>());
        Assert.True(File.Exists(Path.Combine(outDir, "result.json")));
    }
}
