using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using VpDarts.Cli.Commands;

namespace VpDarts.Tests.Cli;

/// <summary>
/// Settings a researcher can see: help lists each preset's value and each method's default, <c>--print-config</c>
/// prints every resolved setting and the provenance without touching the disk, and every command takes the same preset names.
/// </summary>
public sealed class ResolvedSettingsCliTests() : TempFolderTests("vpdarts-cli-settings-")
{
    private const string Cell = "|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|skip_connect~0|nor_conv_3x3~1|nor_conv_3x3~2|";

    private static string Words(string text) => Regex.Replace(text, @"\s+", " ");  // descriptions wrap

    private static string EachPreset(Func<string, object> value) =>
        "[default: " + string.Join(", ", PresetNames.All.Select(name => $"{name} {value(name)}")) + "]";

    /// <summary>The help text of <paramref name="option"/>, up to the next option.</summary>
    private static string OptionHelp(string help, string option) =>
        Regex.Match(Words(help), Regex.Escape(option) + @" (?:(?! --).)*").Value;

    [Fact]
    public void Help_of_every_run_command_lists_each_presets_value()
    {
        var search = Words(CliHarness.Succeeds("search", "--help").Out);
        var demo = Words(CliHarness.Succeeds("demo", "--help").Out);
        var train = Words(CliHarness.Succeeds("train", "--help").Out);
        var experiment = Words(CliHarness.Succeeds("experiment", "table1", "--help").Out);

        var searchEpochs = EachPreset(name => SearchPresets.Get(name).Epochs);
        Assert.Contains(searchEpochs, OptionHelp(search, "--epochs <N>"));
        Assert.Contains(searchEpochs, OptionHelp(demo, "--epochs <N>"));
        Assert.Contains(searchEpochs, OptionHelp(experiment, "--epochs <N>"));
        Assert.Contains(EachPreset(name => SearchPresets.Get(name).Layers), OptionHelp(search, "--layers <N>"));
        Assert.Contains(EachPreset(name => SearchPresets.Get(name).Dataset), OptionHelp(demo, "--dataset <SPEC>"));
        Assert.Contains(EachPreset(name => SearchPresets.Get(name).Threads), OptionHelp(search, "--threads <N>"));
        Assert.Contains(EachPreset(name => TrainPresets.Get(name).Epochs), OptionHelp(train, "--epochs <N>"));
        Assert.Contains(EachPreset(name => TrainPresets.Get(name).Layers), OptionHelp(train, "--layers <N>"));

        // The data folder's default is the folder runs really use ($XDG_CACHE_HOME included), the home folder as ~
        // (Cli.HelpLayoutTests checks it with a long home folder).
        foreach (var help in new[] { search, train, experiment })
            Assert.Contains($"[default: {DataDirDescriptionAttribute.DefaultShown}]", OptionHelp(help, "--data-dir <DIR>"));

        // Each command says which preset it starts from.
        Assert.EndsWith("[default: paper]", OptionHelp(search, "--preset <NAME>").Trim());
        Assert.EndsWith("[default: demo]", OptionHelp(demo, "--preset <NAME>").Trim());
        Assert.EndsWith("[default: paper]", OptionHelp(train, "--preset <NAME>").Trim());
        Assert.EndsWith("[default: cpu]", OptionHelp(experiment, "--preset <NAME>").Trim());
    }

    [Fact]
    public void Help_gives_the_methods_values_of_method_dependent_settings()
    {
        var search = CliHarness.Succeeds("search", "--help").Out;
        var weightDecay = OptionHelp(search, "--weight-decay <WD>");
        var skipDropout = OptionHelp(search, "--skip-dropout <P>");
        Assert.Contains("the method's:", weightDecay);
        Assert.Contains("the method's:", skipDropout);
        foreach (var method in SearchMethod.All)
        {
            // "VALUE for a, b, c": the group naming the method carries the method's own value.
            Assert.Matches($@"{Regex.Escape(Rate((method).WeightDecay))} for [a-z0-9, -]*\b{method.Name}\b", weightDecay);
            Assert.Matches($@"\b{Regex.Escape(Rate((method).SkipDropout))} for [a-z0-9, -]*\b{method.Name}\b", skipDropout);
        }
    }

    private static string Rate(double value) => value is > 0 and < 0.01
        ? value.ToString("0.###e0", System.Globalization.CultureInfo.InvariantCulture)
        : value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void Print_config_prints_every_resolved_setting_and_the_provenance_and_creates_nothing()
    {
        var outDir = In("never-made");
        var printed = CliHarness.Succeeds("search", "--preset", "tiny", "--method", "darts", "--out", outDir, "--print-config");
        Assert.False(Directory.Exists(outDir));
        var json = JsonNode.Parse(printed.Out)!.AsObject();

        // The keys config.json holds, in its order, each with the value the run would use.
        var expected = SearchPresets.Get("tiny") with { Method = SearchMethod.Get<DartsMethod>() };
        var text = RunDirectory.ConfigText(expected.Resolved(), RunProvenance.Capture([]));
        var keys = JsonNode.Parse(text)!.AsObject().Select(p => p.Key);
        Assert.Equal(keys, json.Select(p => p.Key));
        Assert.Equal((SearchMethod.Get<DartsMethod>()).SkipDropout, (double)json["skip_dropout"]!);
        Assert.Equal((SearchMethod.Get<DartsMethod>()).WeightDecay, (double)json["weight_decay"]!);
        Assert.Equal(DataOptions.ResolveDataDir(null), (string)json["data_dir"]!);
        Assert.Equal(SearchPresets.Get("tiny").Threads, (int)json["threads"]!);
        // Only the table (none found) and the image size (the images' own) may be null: both mean "none".
        Assert.All(json.Where(p => p.Key is not ("table" or "image_size")), p => Assert.True(p.Value is not null, $"{p.Key} is null"));
        Assert.True(json["table"] is null || Path.IsPathRooted((string)json["table"]!));

        var provenance = json[RunProvenance.Key]!.AsObject();
        Assert.Equal(["vpdarts", "search", "--preset", "tiny", "--method", "darts", "--out", outDir, "--print-config"],
            provenance["command_line"]!.AsArray().Select(a => (string)a!));
        Assert.False(string.IsNullOrWhiteSpace((string)provenance["libtorch_version"]!));
        Assert.False(string.IsNullOrWhiteSpace((string)provenance["cpu_isa"]!));
    }

    [Fact]
    public void Print_config_of_demo_and_train_starts_from_their_presets()
    {
        var demo = JsonNode.Parse(CliHarness.Succeeds("demo", "--print-config").Out)!.AsObject();
        Assert.Equal(SearchPresets.Get("demo").Epochs, (int)demo["epochs"]!);
        Assert.Equal("demo", (string)demo["dataset"]!);

        var outDir = In("train-never-made");
        var train = JsonNode.Parse(CliHarness.Succeeds("train", "--preset", "tiny", "--arch", Cell, "--out", outDir, "--print-config").Out)!.AsObject();
        Assert.False(Directory.Exists(outDir));
        Assert.Equal(TrainPresets.Get("tiny").Epochs, (int)train["epochs"]!);
        Assert.Equal(DataOptions.ResolveDataDir(null), (string)train["data_dir"]!);
        Assert.NotNull(train[RunProvenance.Key]);
    }

    [Fact]
    public void Print_config_of_an_experiment_gives_each_searchs_settings_and_creates_nothing()
    {
        var outDir = In("experiment-never-made");
        var printed = CliHarness.Succeeds("experiment", "table2", "--preset", "tiny", "--seeds", "2", "--table", Shared.Nb201Table, "--out", outDir, "--print-config");
        Assert.False(Directory.Exists(outDir));
        var json = JsonNode.Parse(printed.Out)!.AsObject();
        var searches = json["searches"]!.AsObject();
        Assert.Equal(ExperimentPlan.Create("table2", "tiny", SearchPresets.Get("tiny") with { Table = Shared.Nb201Table }, 2).Specs.Select(s => s.Name),
            searches.Select(p => p.Key));
        Assert.All(searches, search =>
        {
            Assert.Equal(SearchPresets.Get("tiny").Epochs, (int)search.Value!["epochs"]!);
            Assert.NotNull(search.Value!["skip_dropout"]);
            Assert.Equal(Path.GetFullPath(Shared.Nb201Table), (string)search.Value!["table"]!);
        });
        Assert.NotNull(json[RunProvenance.Key]);

        // The experiment's data options reach every search, --image-size included.
        var cifar = "folder:" + Shared.In("datasets", "cifar10-jpeg.tar.gz");
        var sized = JsonNode.Parse(CliHarness.Succeeds("experiment", "table2", "--preset", "tiny", "--seeds", "1", "--table", Shared.Nb201Table,
            "--dataset", cifar, "--image-size", "24", "--out", outDir, "--print-config").Out)!["searches"]!.AsObject();
        Assert.All(sized, search => Assert.Equal((24, cifar), ((int)search.Value!["image_size"]!, (string)search.Value!["dataset"]!)));
        Assert.False(Directory.Exists(outDir));
    }

    [Fact]
    public void Print_config_of_a_resume_reads_an_old_run_folder_with_its_own_settings()
    {
        // The run folder of 57125b1 left skip dropout and the data folder null and recorded no provenance.
        var fixture = Path.Combine(Shared.RepoRoot, "tests", "VpDarts.Tests", "Fixtures", "run-57125b1");
        var json = JsonNode.Parse(CliHarness.Succeeds("search", "--resume", fixture, "--print-config").Out)!.AsObject();
        var stored = SettingsFile<SearchConfig>.Load(Path.Combine(fixture, "config.json"));
        Assert.Null(stored.SkipDropout);
        Assert.Equal((stored.Method).SkipDropout, (double)json["skip_dropout"]!);
        Assert.Equal(DataOptions.ResolveDataDir(null), (string)json["data_dir"]!);
        Assert.Equal(stored.Epochs, (int)json["epochs"]!);
    }

    [Fact]
    public void Every_command_takes_the_same_preset_names()
    {
        Assert.Equal(PresetNames.All, SearchPresets.Names);
        Assert.Equal(PresetNames.All, TrainPresets.Names);
        foreach (var name in PresetNames.All)
        {
            SearchPresets.Get(name).Validate(checkDataset: true);
            (TrainPresets.Get(name) with { Arch = Cell }).Validate();
        }
        var trainTiny = CliHarness.Succeeds("search", "--preset", "tiny", "--then-train", "--train-preset", "tiny", "--print-config");
        Assert.Equal(0, trainTiny.ExitCode);
        var unknown = CliHarness.Run("train", "--preset", "huge", "--arch", Cell, "--print-config");
        Assert.NotEqual(0, unknown.ExitCode);
        Assert.Contains("--preset: unknown preset 'huge' (expected paper, cpu, demo, tiny)", unknown.Err);
    }
}
