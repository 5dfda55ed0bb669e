using System.Text.Json.Nodes;

namespace VpDarts.Tests.Search;

/// <summary>A tiny VP-DARTS search under the authors' code's ablation conditions (<see cref="SearchConfig.FaithfulToCode"/>), end to end.</summary>
public sealed class FaithfulToCodeSearchTests() : TempFolderTests("vpdarts-faithful-")
{
    private static (SearchResult Result, RecordingSearchData Data) Run(SearchConfig config, string dir)
    {
        var data = new RecordingSearchData(new RandomSearchData());
        return (new SearchRun(config, data, new RunDirectory(dir), new SilentProgress()).Execute(), data);
    }

    /// <summary>Per edge the op whose removal costs the most accuracy; ties to the highest index or the lowest.</summary>
    private static string ByIndex(double?[][] accuracyWithout, bool highest)
    {
        var ops = new Operation[6];
        for (var e = 0; e < 6; e++)
        {
            var best = 0;
            for (var o = 1; o < 5; o++)
            {
                var (value, bestValue) = (accuracyWithout[e][o]!.Value, accuracyWithout[e][best]!.Value);
                if (value < bestValue || value == bestValue && highest) best = o;
            }
            ops[e] = (Operation)best;
        }
        return new Genotype(ops).ToString();
    }

    [Fact]
    public void A_search_under_the_codes_conditions_runs_end_to_end_and_differs_from_the_default()
    {
        var (plain, plainData) = Run(TinySearch.Config(), In("default"));
        var (faithful, faithfulData) = Run(TinySearch.Config().FaithfulToCode(), In("faithful"));
        Assert.NotEqual(TinySearch.Metrics(plain.RunDirectory), TinySearch.Metrics(faithful.RunDirectory));

        var config = JsonNode.Parse(File.ReadAllText(Path.Combine(faithful.RunDirectory, "config.json")))!;
        Assert.True(config["resample_subset_per_op"]!.GetValue<bool>());
        Assert.True(config["ablation_dropout"]!.GetValue<bool>());
        Assert.True(config["ablation_augment"]!.GetValue<bool>());
        Assert.Equal(64, config["eval_batch_size"]!.GetValue<int>());
        Assert.Equal("code", config["tie_rule"]!.GetValue<string>());
        Assert.False(config["skip_uninformative_edges"]!.GetValue<bool>());
        Assert.True(config["fixed_split"]!.GetValue<bool>());

        // The ablations: augmented batches of 64 and a fresh draw for every op of every pruning epoch (6 × 5), then the whole split.
        Assert.All(faithfulData.Ablations, a => Assert.Equal((64, true), (a.BatchSize, a.Augment)));
        foreach (var epoch in new[] { 1, 2, 3 })
            Assert.Equal(Enumerable.Range(0, 30), faithfulData.Ablations.Where(a => a.Epoch == epoch).Select(a => a.Draw));
        Assert.Single(faithfulData.Ablations, a => a.Epoch == -1);
        // ... where the default measures every op on one unaugmented subset per epoch.
        Assert.All(plainData.Ablations, a => Assert.Equal((32, false, 0), (a.BatchSize, a.Augment, Math.Max(a.Draw, 0))));
        Assert.Equal(4, plainData.Ablations.Count);

        // The code's rules: every edge pruned in every pruning epoch, ties kept at the highest index; at the end the lowest.
        var metrics = new RunDirectory(faithful.RunDirectory).ReadSearchMetrics();
        var pruning = metrics.Where(m => m.Importance is not null).ToList();
        Assert.Equal(3, pruning.Count);
        Assert.All(pruning, m => Assert.Equal(24, m.Pruned!.Count));
        Assert.All(pruning, m => Assert.Equal(ByIndex(m.Importance!, highest: true), m.Kept));
        var path = new RunDirectory(faithful.RunDirectory).ResultPath;
        var result = RunJson.Parse<SearchResultRecord>(File.ReadAllText(path), path);
        Assert.Equal(ByIndex(result.FinalImportance!, highest: false), result.Arch);
        Assert.Equal(result.Arch, faithful.Arch.ToString());
    }
}
