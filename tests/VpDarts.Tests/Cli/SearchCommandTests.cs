using System.Text.Json.Nodes;

namespace VpDarts.Tests.Cli;

public sealed class SearchCommandTests() : TempFolderTests("vpdarts-cli-search-")
{
    private static readonly string[] RequiredOptions =
    [
        "--method", "--k", "--dataset", "--data-dir", "--preset", "--epochs", "--warmup", "--layers", "--channels",
        "--batch-size", "--train-limit", "--valid-limit", "--valid-fraction", "--seed", "--threads", "--device",
        "--table", "--out", "--resume", "--config",
    ];

    [Fact]
    public void HelpListsEveryOptionWithItsDefault()
    {
        var help = CliHarness.Run("search", "--help");
        Assert.Equal(0, help.ExitCode);
        foreach (var option in RequiredOptions) Assert.Contains(option, help.Out);
        var words = System.Text.RegularExpressions.Regex.Replace(help.Out, @"\s+", " ");  // descriptions wrap
        Assert.Matches(@"--epochs <N> (?:(?! --).)*\[default: paper \d+, cpu \d+, demo \d+, tiny \d+\]", words);
        Assert.Matches(@"--layers <N> (?:(?! --).)*\[default: paper \d+, cpu \d+, demo \d+, tiny \d+\]", words);
        Assert.Contains("--method <METHOD> vp-darts, darts, hard-prune, progressive-prune, darts-v2, gdas, drnas or rsps [default: vp-darts]", words);
        Assert.Contains("--final-choice <RULE> VP-DARTS's final op per edge: last-ablation (the paper's: one ablation after the last epoch) or accumulated (that ablation's scores plus every pruning epoch's) [default: last-ablation]", words);
        Assert.Contains("--faithful-to-code", words);
        Assert.Contains("--k MODE: VP-DARTS pruning strength, fixed (zero pruned α) or adjustable (decay them) [default: adjustable]", words);
        Assert.Contains("Decay of adjustable K: linear or exponential [default: linear]", words);
        Assert.Contains("valid-accuracy (exact ablation), valid-accuracy-racing, valid-accuracy-screening, valid-loss or alpha [default: valid-accuracy]", words);
        var top = CliHarness.Run("--help");
        foreach (var command in new[] { "demo", "search", "bench", "report" }) Assert.Contains(command, top.Out);
    }

    public static TheoryData<string[], string> BadInputs() => new()
    {
        { ["--no-such-option", "1"], "no-such-option" },
        { ["--epochs", "-3"], "--epochs" },
        { ["--valid-fraction", "1.5"], "--valid-fraction" },
        { ["--valid-fraction", "0"], "--valid-fraction" },
        { ["--dataset", "imagenet-1k"], "--dataset" },
        { ["--table", "/no/such/table.csv"], "/no/such/table.csv" },
        { ["--preset", "huge"], "--preset" },
        { ["--k", "sometimes"], "--k" },
        { ["--method", "random-search"], "--method" },
        { ["--method", "x"], "--method: unknown method 'x' (expected vp-darts, darts, hard-prune, progressive-prune, darts-v2, gdas, drnas, rsps)" },
        { ["--k", "fixd"], "--k: unknown mode 'fixd' (expected fixed, adjustable)" },
        { ["--decay", "cosine"], "--decay: unknown schedule 'cosine'" },
        { ["--importance", "valid-accuracy-fast"], "--importance: unknown criterion 'valid-accuracy-fast'" },
        { ["--warmup", "9", "--epochs", "9"], "--warmup" },
        { ["--device", "tpu"], "--device" },
        { ["--keep-checkpoints", "-1"], "--keep-checkpoints" },
        { ["--device", "cuda"], "CUDA is not available" },
        { ["--config", "/no/such/config.json"], "/no/such/config.json" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public void BadInputFailsBeforeAnyTrainingWithOneLine(string[] options, string named)
    {
        var outDir = In("run");
        var result = CliHarness.Run(["search", "--preset", "demo", "--out", outDir, .. options]);
        Assert.Equal(2, result.ExitCode);
        Assert.Single(result.ErrLines);
        Assert.StartsWith("error:", result.Err);
        Assert.Contains(named, result.Err);
        Assert.False(Directory.Exists(outDir), "nothing may be written for a bad command line");
    }

    [Theory]
    [InlineData("{\"epochs\": \"ten\"}", "key 'epochs' expects a whole number, got \"ten\"")]
    [InlineData("{\"no_such_setting\": 1}", "unknown key 'no_such_setting'")]
    [InlineData("{\"epochs\": 3,", "config.json: not valid JSON at line 1")]
    [InlineData("{\"weight_lr\": \"Infinity\"}", "key 'weight_lr' expects a number, got \"Infinity\"")]
    [InlineData("{\"momentum\": \"NaN\"}", "key 'momentum' expects a number")]
    [InlineData("{\"arch_lr\": \"Infinity\"}", "key 'arch_lr' expects a number")]
    [InlineData("{\"epochs\": 2, \"epochs\": 3}", "key 'epochs' is given twice")]
    [InlineData("{\"method\": \"foo\"}", "key 'method': unknown method 'foo' (expected vp-darts, darts, hard-prune, progressive-prune, darts-v2, gdas, drnas, rsps)")]
    public void BadConfigFilesAreOneLineErrorsNamingTheKey(string json, string named)
    {
        var file = In("config.json");
        File.WriteAllText(file, json);
        var outDir = In("run");
        var result = CliHarness.Run("search", "--config", file, "--out", outDir);
        Assert.Equal(2, result.ExitCode);
        Assert.Single(result.ErrLines);
        Assert.Contains(named, result.Err);
        Assert.Contains(file, result.Err);
        Assert.False(Directory.Exists(outDir));
    }

    [Theory]
    [InlineData("{\"arch_beta1\": 5}", "arch_beta1")]
    [InlineData("{\"arch_beta2\": -0.1}", "arch_beta2")]
    [InlineData("{\"decay_rate\": 0}", "decay_rate")]
    [InlineData("{\"grad_clip\": 0}", "--grad-clip")]
    [InlineData("{\"momentum\": 1}", "--momentum")]
    [InlineData("{\"weight_decay\": -1e-4}", "--weight-decay")]
    [InlineData("{\"arch_weight_decay\": 2}", "--arch-weight-decay")]
    [InlineData("{\"weight_lr_min\": -1}", "--weight-lr-min")]
    [InlineData("{\"channels\": 2000000}", "--channels")]
    [InlineData("{\"layers\": 100000}", "--layers")]
    [InlineData("{\"threads\": 100000}", "--threads")]
    [InlineData("{\"weight_lr\": 1e400}", "--weight-lr")]
    public void OutOfRangeSettingsStopBeforeAnyFileIsWritten(string json, string named)
    {
        var file = In("settings.json");
        File.WriteAllText(file, json);
        var outDir = In("run");
        var result = CliHarness.Run("search", "--preset", "tiny", "--config", file, "--out", outDir);
        Assert.Equal(2, result.ExitCode);
        Assert.Single(result.ErrLines);
        Assert.StartsWith($"error: {named}: must be", result.Err);
        Assert.False(Directory.Exists(outDir), "nothing may be written for bad settings");
    }

    [Fact]
    public async Task AConfigFromAPipeIsReadOnce()
    {
        var fifo = In("settings.fifo");
        Support.UnixNode.Fifo(fifo);
        // The writer opens the pipe when the reader does and writes once, as bash's <(…) does; a second read would wait forever.
        var writer = Task.Run(() => File.WriteAllText(fifo, "{\"epochs\": 0}"));
        var outDir = In("run");
        var run = Task.Run(() => CliHarness.Run("search", "--preset", "tiny", "--config", fifo, "--out", outDir));
        var first = await Task.WhenAny(run, Task.Delay(TimeSpan.FromMinutes(2)));  // a hang guard, not a timing
        if (first != run) File.WriteAllText(fifo, "{}");  // lets a second read end, so the test process can finish
        Assert.True(first == run, "reading --config from a pipe hung");
        await writer;
        var result = await run;
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--epochs: must be", result.Err);
    }

    [Fact]
    public void DemoRunsEndToEndWithLineProgressAndASummary()
    {
        var outDir = In("demo");
        var result = CliHarness.Succeeds([.. CliHarness.TinyDemo, "--train-limit", "200", "--valid-limit", "100", "--out", outDir, "--table", Support.Shared.Nb201Table]);
        Assert.DoesNotContain('\u001b', result.Out);  // no control codes in a log
        Assert.DoesNotContain('\r', result.Out);
        var lines = result.Out.Split('\n');
        Assert.Contains(lines, l => l.StartsWith("[epoch 1/2] warm-up"));
        Assert.Contains(lines, l => l.StartsWith("epoch 2/2 search:"));
        var arch = lines.Single(l => l.StartsWith("arch: ")).Split(": ")[1];
        Assert.True(VpDarts.SearchSpace.Genotype.TryParse(arch, out _, out _));
        Assert.Contains(lines, l => l.StartsWith("NB201 CIFAR-10 test: "));
        Assert.Contains(lines, l => l.StartsWith("report: ") && l.EndsWith("report.md"));

        var resultJson = JsonNode.Parse(File.ReadAllText(Path.Combine(outDir, "result.json")))!;
        Assert.Equal(arch, resultJson["arch"]!.GetValue<string>());
        Assert.NotNull(resultJson["nb201"]!["cifar10_test"]);
        Assert.True(File.Exists(Path.Combine(outDir, "report.md")));
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(outDir, "tensorboard")));

        var refused = CliHarness.Run("search", "--resume", outDir, "--epochs", "3");
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("epochs: 2 → 3", refused.Err);
        Assert.Single(refused.ErrLines);
    }

    [Fact]
    public void A_run_folder_name_with_a_line_break_and_an_escape_is_printed_escaped_in_the_summary()
    {
        var folder = In("run\n\u001b[31mred");
        var result = CliHarness.Succeeds("search", "--preset", "tiny", "--dataset", "demo", "--out", folder);
        Assert.DoesNotContain('\u001b', result.Out);
        var lines = result.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var escaped = OneLine.Escape(folder);
        Assert.Contains($"run folder: {escaped}", lines);
        Assert.Contains($"report: {escaped}/report.md", lines);
        Assert.DoesNotContain(lines, l => l.StartsWith("\u001b", StringComparison.Ordinal) || l.StartsWith("[31mred", StringComparison.Ordinal));
    }
}
