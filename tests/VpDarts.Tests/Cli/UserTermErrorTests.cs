using VpDarts.Cli.Commands;

namespace VpDarts.Tests.Cli;

/// <summary>
/// Errors of the command line and of config files in the user's words: the parser's suggestions kept, no .NET type
/// names, names read in any case, and options the chosen method never reads refused. None of these starts a search.
/// </summary>
public sealed class UserTermErrorTests() : TempFolderTests("vpdarts-cli-terms-")
{
    private static readonly string[] Leaks = ["Nullable", "`", "VpDarts.", "System.", "__default_command"];

    private static void AssertUserTerms(string line)
    {
        foreach (var leak in Leaks) Assert.DoesNotContain(leak, line);
    }

    [Theory]
    [InlineData("error: unknown command 'serch'; did you mean 'search'?", "serch")]
    [InlineData("error: unknown command 'querry'; did you mean 'query'?", "bench", "querry")]
    [InlineData("error: unknown option '--epochz'; did you mean '--epochs'?", "search", "--epochz", "3")]
    [InlineData("error: --epochs: 'ten' is not a whole number", "search", "--epochs", "ten")]
    [InlineData("error: --valid-fraction: 'abc' is not a number", "search", "--valid-fraction=abc")]
    [InlineData("error: --seed: expects a whole number, got nothing", "search", "--seed")]
    [InlineData("error: --out: expects a value, got nothing", "search", "--preset", "tiny", "--out")]
    public void Command_line_errors_keep_the_suggestion_and_name_the_option_in_words(string expected, params string[] args)
    {
        var result = CliHarness.Run(args);

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.ErrLines);
        Assert.Equal(expected, line);
        AssertUserTerms(line);
    }

    [Theory]
    [InlineData("{\"epochs\": \"ten\"}", "key 'epochs' expects a whole number, got \"ten\"")]
    [InlineData("{\"epochz\": 3}", "unknown key 'epochz'; did you mean 'epochs'?")]
    [InlineData("{\"nesterov\": 1}", "key 'nesterov' expects true or false or null, got 1")]
    [InlineData("[1, 2]", "expects a JSON object whose keys are those of a run's config.json, not a list")]
    public void Config_file_errors_name_the_file_and_key_in_user_terms(string json, string expected)
    {
        var file = In("config.json");
        File.WriteAllText(file, json);

        var result = CliHarness.Run("search", "--config", file, "--out", In("run"));

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.ErrLines);
        Assert.Equal($"error: {file}: {expected}", line);
        AssertUserTerms(line.Replace(file, "FILE", StringComparison.Ordinal));
        Assert.False(Directory.Exists(In("run")));
    }

    [Fact]
    public void Names_are_read_in_any_case_on_the_command_line_and_in_config_files()
    {
        var given = new SearchCommandSettings { Preset = "TINY", Method = "VP-DARTS", K = "Fixed", Importance = "VALID-LOSS", FinalChoice = "Accumulated" };
        var config = given.BuildConfig("paper");
        Assert.Equal((SearchMethod.Get<VpDartsMethod>(), KMode.Fixed, ImportanceCriterion.ValidLoss, FinalChoice.Accumulated),
            (config.Method, config.K, config.Importance, config.FinalChoice));
        Assert.Equal(SearchPresets.Get("tiny").Epochs, config.Epochs);
        Assert.Equal(SearchMethod.Get<DartsMethod>(), new SearchCommandSettings { Method = "DARTS" }.BuildConfig("tiny").Method);
        Assert.Equal("cuda:1", new SearchCommandSettings { Device = "CUDA:1" }.BuildConfig("tiny").Device);
        Assert.Equal("cpu", new TrainSettings { Device = "CPU" }.Device);
        Assert.Equal(("slurm", "cpu"), (new ExperimentSettings { Emit = "SLURM", Device = "Cpu" }.Emit, new ExperimentSettings { Device = "Cpu" }.Device));

        var file = SettingsFile<SearchConfig>.Parse("{\"method\": \"DARTS\", \"k\": \"Fixed\", \"decay\": \"Exponential\"}", "c.json");
        Assert.Equal((SearchMethod.Get<DartsMethod>(), KMode.Fixed, DecaySchedule.Exponential), (file.Method, file.K, file.Decay));
    }

    [Theory]
    [InlineData("--k: only used with --method vp-darts", "--method", "darts", "--k", "fixed")]
    [InlineData("--decay: only used with --method vp-darts and --k adjustable", "--k", "fixed", "--decay", "linear")]
    [InlineData("--final-choice: only used with --method vp-darts", "--method", "hard-prune", "--final-choice", "accumulated")]
    [InlineData("--warmup: only used with --method vp-darts, hard-prune or progressive-prune", "--method", "gdas", "--warmup", "2")]
    [InlineData("--importance: only used with --method vp-darts, hard-prune or progressive-prune", "--method", "drnas", "--importance", "alpha")]
    [InlineData("--eval-batch-size: only used with --method vp-darts, hard-prune, progressive-prune or rsps", "--method", "darts-v2", "--eval-batch-size", "64")]
    [InlineData("--valid-fraction: only used with --method vp-darts or progressive-prune", "--method", "hard-prune", "--valid-fraction", "0.5")]
    [InlineData("--race-confidence: only used with --importance valid-accuracy-racing", "--race-confidence", "0.9")]
    [InlineData("--screen-keep: only used with --method vp-darts, hard-prune or progressive-prune", "--method", "darts", "--screen-keep", "2")]
    [InlineData("--ablation-dropout: only used with --importance valid-accuracy or valid-loss", "--importance", "alpha", "--ablation-dropout")]
    [InlineData("--tau-max: only used with --method gdas", "--method", "drnas", "--tau-max", "5")]
    [InlineData("--dirichlet-reg-scale: only used with --method drnas", "--method", "gdas", "--dirichlet-reg-scale", "0.1")]
    public void An_option_the_method_never_reads_is_refused_on_one_line(string expected, params string[] options)
    {
        var result = CliHarness.Run(["search", "--preset", "tiny", "--out", In("run"), .. options]);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("error: " + expected, Assert.Single(result.ErrLines));
        Assert.False(Directory.Exists(In("run")));
    }

    [Fact]
    public void Options_the_method_reads_are_accepted_and_a_preset_or_file_may_set_any_key()
    {
        Assert.Equal(3.0, new SearchCommandSettings { Method = "gdas", TauMax = 3 }.BuildConfig("tiny").TauMax);
        Assert.Equal(DecaySchedule.Exponential, new SearchCommandSettings { K = "adjustable", Decay = "exponential" }.BuildConfig("tiny").Decay);
        Assert.Equal(0.9, new SearchCommandSettings { Importance = "valid-accuracy-racing", RaceConfidence = 0.9 }.BuildConfig("tiny").RaceConfidence);
        Assert.Equal(0.1, new SearchCommandSettings { Method = "drnas", DirichletRegScale = 0.1 }.BuildConfig("tiny").DirichletRegScale);

        // The tiny preset sets k, decay and warm-up; a file that sets them for darts is a complete record, not a mistake.
        var file = In("darts.json");
        File.WriteAllText(file, "{\"method\": \"darts\", \"k\": \"fixed\", \"tau_max\": 3}");
        Assert.Equal(SearchMethod.Get<DartsMethod>(), new SearchCommandSettings { Config = file }.BuildConfig("tiny").Method);
    }
}
