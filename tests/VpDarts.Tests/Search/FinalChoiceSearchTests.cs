using System.Text.Json.Nodes;
using VpDarts.Tests.Cli;

namespace VpDarts.Tests.Search;

/// <summary>
/// <c>--final-choice</c>: every VP-DARTS run records the cell of both rules in result.json's <c>arch_by_rule</c>; the
/// accumulated one is the sum of the importance scores of every pruning epoch and of the final ablation.
/// </summary>
public sealed class FinalChoiceSearchTests() : TempFolderTests("vpdarts-final-choice-")
{
    private const string LastAblation = "last-ablation";
    private const string Accumulated = "accumulated";

    private static SearchConfig AccumulatedConfig => TinySearch.Config() with { FinalChoice = FinalChoice.Accumulated };

    private static SearchResultRecord Result(string dir)
    {
        var path = new RunDirectory(dir).ResultPath;
        return RunJson.Parse<SearchResultRecord>(File.ReadAllText(path), path);
    }

    /// <summary>The cell of a score sum: highest per edge, ties to the larger |α|, then the lower index.</summary>
    private static string Cell(double[,] sum, double[,] alpha)
    {
        var ops = new Operation[6];
        for (var e = 0; e < 6; e++)
        {
            var best = 0;
            for (var o = 1; o < 5; o++)
                if (sum[e, o] > sum[e, best] || sum[e, o] == sum[e, best] && Math.Abs(alpha[e, o]) > Math.Abs(alpha[e, best])) best = o;
            ops[e] = (Operation)best;
        }
        return new Genotype(ops).ToString();
    }

    /// <summary>The importance scores (accuracy with the op removed, negated) of <paramref name="measures"/> summed.</summary>
    private static double[,] ScoreSum(IEnumerable<double?[][]> measures)
    {
        var sum = new double[6, 5];
        foreach (var measure in measures)
            for (var e = 0; e < 6; e++)
                for (var o = 0; o < 5; o++)
                    sum[e, o] -= measure[e][o]!.Value;
        return sum;
    }

    [Fact]
    public void Every_vp_darts_run_records_both_cells_and_its_setting_picks_the_arch()
    {
        var paper = TinySearch.Run(TinySearch.Config(), In("paper"));
        var accumulated = TinySearch.Run(AccumulatedConfig, In("accumulated"));
        var byRule = Result(accumulated.RunDirectory).ArchByRule!;
        Assert.Equal([Accumulated, LastAblation], byRule.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(byRule[Accumulated], accumulated.Arch.ToString());
        Assert.Equal(byRule[Accumulated], Result(accumulated.RunDirectory).Arch);
        Assert.Equal("accumulated", JsonNode.Parse(File.ReadAllText(Path.Combine(accumulated.RunDirectory, "config.json")))!["final_choice"]!.GetValue<string>());

        // The setting changes which cell is the result, not the search.
        Assert.Equal(byRule, Result(paper.RunDirectory).ArchByRule);
        Assert.Equal(byRule[LastAblation], paper.Arch.ToString());
        Assert.Equal(TinySearch.Metrics(paper.RunDirectory), TinySearch.Metrics(accumulated.RunDirectory));
    }

    [Fact]
    public void The_accumulated_cell_is_the_sum_of_the_recorded_ablations()
    {
        var dir = TinySearch.Run(AccumulatedConfig, In("run")).RunDirectory;
        var metrics = new RunDirectory(dir).ReadSearchMetrics();
        var result = Result(dir);
        var epochs = metrics.Where(m => m.Importance is not null).Select(m => m.Importance!).ToList();
        Assert.Equal(3, epochs.Count);  // the three pruning epochs
        var alpha = EdgeMatrix.ToArray(metrics[^1].Alpha!);

        var last = Cell(ScoreSum([result.FinalImportance!]), alpha);
        var accumulated = Cell(ScoreSum([.. epochs, result.FinalImportance!]), alpha);
        Assert.Equal(last, result.ArchByRule![LastAblation]);
        Assert.Equal(accumulated, result.ArchByRule[Accumulated]);
        Assert.NotEqual(last, accumulated);  // this run tells the rules apart
    }

    private static void AssertSum(List<double?[][]> measures, CheckpointManifest manifest)
    {
        var stored = manifest.State.Strategy!.ScoreSum!;
        var expected = ScoreSum(measures);
        for (var e = 0; e < 6; e++)
            for (var o = 0; o < 5; o++)
                Assert.Equal(expected[e, o], stored[e][o]!.Value, 4);
    }

    [Theory]
    [InlineData(2, 0)]  // after the second epoch: the first pruning epoch is summed
    [InlineData(2, 1)]  // inside the third epoch, after its ablation and one step: two pruning epochs are summed
    public void A_stopped_search_keeps_its_sum_and_resumes_to_the_same_cells(int epoch, int step)
    {
        var whole = TinySearch.Run(AccumulatedConfig, In("whole"));
        var wholeMetrics = new RunDirectory(whole.RunDirectory).ReadSearchMetrics();
        var dir = In("stopped");
        var stop = step == 0 ? TestProgress.CancelAfterEpochs(epoch) : TestProgress.CancelAfterStep(epoch, step);
        Assert.Throws<OperationCanceledException>(() => TinySearch.Run(AccumulatedConfig, dir, stop, stop.Token));

        // The checkpoint holds the sum of the pruning epochs begun so far, exactly as the metrics record them.
        var checkpoint = Checkpoints.List(Path.Combine(dir, "checkpoints"))[0];
        Assert.Null(Checkpoints.Verify(checkpoint, out var manifest));
        var summed = wholeMetrics.Take(step == 0 ? epoch : epoch + 1).Where(m => m.Importance is not null).Select(m => m.Importance!).ToList();
        Assert.Equal(step == 0 ? 1 : 2, summed.Count);
        Assert.EndsWith(step == 0 ? $"epoch-{epoch:D4}" : $"epoch-{epoch:D4}-step-{step:D5}", checkpoint);
        AssertSum(summed, manifest!);

        // The resumed session adds to that sum: its last checkpoint holds every pruning epoch's scores.
        var resumed = TinySearch.Run(AccumulatedConfig, dir);
        Assert.Null(Checkpoints.Verify(Checkpoints.List(Path.Combine(dir, "checkpoints"))[0], out var last));
        AssertSum(wholeMetrics.Where(m => m.Importance is not null).Select(m => m.Importance!).ToList(), last!);
        Assert.Equal(whole.Arch, resumed.Arch);
        Assert.Equal(Result(whole.RunDirectory).ArchByRule, Result(dir).ArchByRule);
        Assert.Equal(TinySearch.Metrics(whole.RunDirectory), TinySearch.Metrics(dir));
    }

    [Theory]
    [InlineData("darts")]
    [InlineData("hard-prune")]
    [InlineData("drnas")]
    public void Accumulated_with_another_method_is_a_one_line_error(string methodName)
    {
        var config = TinySearch.Config(SearchMethod.Parse(methodName, "--method")) with { FinalChoice = FinalChoice.Accumulated };
        var error = Assert.Throws<UserInputException>(() => config.Validate(checkDataset: false));
        Assert.Equal("--final-choice accumulated: only vp-darts accumulates importance over its epochs", error.Message);
        Assert.Throws<UserInputException>(() => TinySearch.Run(config, In("refused")));
        Assert.False(File.Exists(Path.Combine(In("refused"), "config.json")));
        (config with { FinalChoice = FinalChoice.LastAblation }).Validate(checkDataset: false);
    }

    [Fact]
    public void The_command_line_refuses_accumulated_for_another_method_before_writing_anything()
    {
        var outDir = In("cli");
        var result = CliHarness.Run("search", "--preset", "tiny", "--method", "darts", "--final-choice", "accumulated", "--out", outDir);
        Assert.Equal(2, result.ExitCode);
        Assert.Equal(["error: --final-choice: only used with --method vp-darts"], result.ErrLines);
        Assert.False(Directory.Exists(outDir));

        var unknown = CliHarness.Run("search", "--preset", "tiny", "--final-choice", "best", "--out", outDir);
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("--final-choice: unknown choice 'best' (expected last-ablation, accumulated)", Assert.Single(unknown.ErrLines));
        Assert.False(Directory.Exists(outDir));
    }
}
