using static VpDarts.Tests.Cli.CliHarness;

namespace VpDarts.Tests.Cli;

/// <summary>The bench commands run in-process; every run passes --table, so the environment does not matter.</summary>
public class BenchCommandTests
{
    private static readonly string Table = Shared.Nb201Table;

    [Fact]
    public void Query_of_the_all_skip_cell_prints_accuracies_percentile_and_rank()
    {
        var result = Run("bench", "query", AllSkip, "--table", Table);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("", result.Err);
        var lines = result.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(AllSkip, lines[0]);
        Assert.Equal("CIFAR-10 54.30  CIFAR-100 15.61  ImageNet16-120 16.32", lines[1]);
        Assert.Matches(@"^CIFAR-10 percentile \d+\.\d\d  rank \d+ of 15625$", lines[2]);
        Assert.Equal(5, lines.Length);
    }

    [Fact]
    public void Query_json_prints_one_snake_case_object_per_cell_with_the_table_s_numbers()
    {
        const string best = "|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|skip_connect~0|nor_conv_1x1~1|nor_conv_3x3~2|";
        var result = Run("bench", "query", AllSkip, best, "--json", "--table", Table);

        Assert.True(result.ExitCode == 0, result.ToString());
        var lines = result.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        var table = Benchmark.RealTable.Value;
        foreach (var (line, arch) in lines.Zip([AllSkip, best]))
        {
            var cell = System.Text.Json.Nodes.JsonNode.Parse(line)!.AsObject();
            var genotype = Genotype.Parse(arch);
            Assert.Equal(arch, (string?)cell["arch"]);
            Assert.Equal(genotype.Index, (int)cell["space_index"]!);
            Assert.Equal(table.Count, (int)cell["cells"]!);
            foreach (var (dataset, key) in new[] { (Nb201Dataset.Cifar10, "cifar10"), (Nb201Dataset.Cifar100, "cifar100"), (Nb201Dataset.ImageNet16_120, "imagenet16_120") })
            {
                Assert.Equal(table.Get(genotype)[dataset], (double)cell[key + "_test"]!);
                Assert.Equal(table.Percentile(genotype, dataset), (double)cell[key + "_percentile"]!);
                Assert.Equal(table.Rank(genotype, dataset), (int)cell[key + "_rank"]!);
            }
        }
    }

    [Fact]
    public void Stats_json_is_one_object_with_each_column_s_spread_and_best_cell()
    {
        var result = Run("bench", "stats", "--json", "--table", Table);

        Assert.True(result.ExitCode == 0, result.ToString());
        var stats = System.Text.Json.Nodes.JsonNode.Parse(Assert.Single(result.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries)))!.AsObject();
        var table = Benchmark.RealTable.Value;
        Assert.Equal(table.Count, (int)stats["cells"]!);
        Assert.Equal(table.Source, (string?)stats["table"]);
        foreach (var dataset in Nb201Datasets.All)
        {
            var column = stats[dataset.Key()]!.AsObject();
            Assert.Equal(table.Mean(dataset), (double)column["mean"]!);
            Assert.Equal(table.Std(dataset), (double)column["std"]!);
            Assert.Equal(table.Best(dataset).Scores[dataset], (double)column["best"]!);
            Assert.Equal(table.Best(dataset).Genotype.ToString(), (string?)column["best_arch"]);
        }
    }

    [Fact]
    public void Query_on_a_terminal_draws_a_table_with_the_same_numbers()
    {
        var plain = Run("bench", "query", AllSkip, "--table", Table);
        var fancy = Run(terminal: true, "bench", "query", AllSkip, "--table", Table);

        Assert.True(fancy.ExitCode == 0, fancy.ToString());
        Assert.NotEqual(plain.Out, fancy.Out);
        Assert.Contains("Percentile", fancy.Out);
        var percentile = System.Text.RegularExpressions.Regex.Match(plain.Out, @"CIFAR-10 percentile (\S+)").Groups[1].Value;
        foreach (var number in new[] { "54.30", "15.61", "16.32", percentile })
            Assert.Contains(number, fancy.Out);
    }

    [Theory]
    [InlineData("|skip_connect~0|+|skip_connect~0|skip_conect~1|+|skip_connect~0|skip_connect~1|skip_connect~2|", "unknown operation 'skip_conect'")]
    [InlineData("|skip_connect~0|+|skip_connect~0|skip_connect~1|", "2 node groups")]
    [InlineData("nonsense", "node groups")]
    public void Malformed_arch_fails_with_one_line_saying_why(string arch, string reason)
    {
        var result = Run("bench", "query", arch, "--table", Table);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("", result.Out);
        var line = Assert.Single(result.ErrLines);
        Assert.StartsWith("error: <ARCH>: ", line);
        Assert.Contains(reason, line);
    }

    [Fact]
    public void Missing_table_file_is_named_on_one_line()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"vpdarts-missing-{Guid.NewGuid():N}.csv");
        var result = Run("bench", "query", AllSkip, "--table", missing);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"error: {missing}: file not found", Assert.Single(result.ErrLines));
    }

    [Fact]
    public void Unknown_option_is_one_line()
    {
        var result = Run("bench", "query", AllSkip, "--table", Table, "--frobnicate");

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.ErrLines);
        Assert.StartsWith("error: ", line);
        Assert.Contains("frobnicate", line);
        Assert.Equal("", result.Out);
    }

    [Fact]
    public void Missing_arch_argument_is_one_line()
    {
        var result = Run("bench", "query", "--table", Table);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("ARCH", Assert.Single(result.ErrLines));
    }

    [Fact]
    public void Unknown_command_is_one_line()
    {
        var result = Run("bench", "frobnicate");

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("error: ", Assert.Single(result.ErrLines));
    }

    [Fact]
    public void Malformed_table_reports_file_and_line()
    {
        var path = Path.Combine(Path.GetTempPath(), $"vpdarts-bad-{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, $"arch,cifar10_test,cifar100_test,imagenet16_120_test\n{AllSkip},54.3,oops,16.32\n");
        try
        {
            var result = Run("bench", "stats", "--table", path);
            Assert.Equal(2, result.ExitCode);
            Assert.Equal($"error: {path}, line 2: cifar100_test value 'oops' is not a number", Assert.Single(result.ErrLines));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Stats_prints_count_best_cells_and_mean_std()
    {
        var result = Run("bench", "stats", "--table", Table);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("count 15625\n", result.Out);
        foreach (var name in new[] { "CIFAR-10", "CIFAR-100", "ImageNet16-120" })
            Assert.Matches($@"(?m)^{name} mean \d+\.\d\d ± \d+\.\d\d  best \d+\.\d\d \|\S+\|$", result.Out);
    }

    [Fact]
    public void Stats_on_a_terminal_draws_a_table()
    {
        var result = Run(terminal: true, "bench", "stats", "--table", Table);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("15625 cells", result.Out);
        Assert.Contains("Mean ± std", result.Out);
        Assert.Contains("best CIFAR-10: |", result.Out);
    }

    [Fact]
    public void Help_shows_examples_for_each_command()
    {
        foreach (var command in new[] { "query", "stats" })
        {
            var result = Run("bench", command, "--help");
            Assert.True(result.ExitCode == 0, result.ToString());
            Assert.Contains("EXAMPLES:", result.Out);
            Assert.Contains($"vpdarts bench {command}", result.Out);
            Assert.Contains("--table", result.Out);
        }
    }

    [Fact]
    public void Version_is_the_assembly_version()
    {
        var result = Run("--version");
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(typeof(VpDarts.Cli.CliApp).Assembly.GetName().Version!.ToString(3), result.Out.Trim());
    }
}
