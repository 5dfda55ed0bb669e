using TorchSharp;
using System.Text.Json.Nodes;

namespace VpDarts.Tests.Runs;

/// <summary>
/// A run's <c>config.json</c> holds every resolved setting and a provenance object, and the provenance is no setting:
/// the run resumes in its own folder, its file serves as <c>--config</c>, and comparisons of settings never see it.
/// </summary>
public sealed class RunConfigFileTests() : TempFolderTests("vpdarts-run-config-")
{
    private const string Cell = "|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|skip_connect~0|nor_conv_3x3~1|nor_conv_3x3~2|";

    [Fact]
    public void A_search_records_resolved_settings_and_provenance_and_resumes_under_them()
    {
        var config = TinySearch.Config(SearchMethod.Get<HardPruneMethod>()) with { Epochs = 2 };
        var dir = In("run");
        var first = TinySearch.Run(config, dir);

        var run = new RunDirectory(dir);
        var json = JsonNode.Parse(File.ReadAllText(run.ConfigPath))!.AsObject();
        Assert.Equal((SearchMethod.Get<HardPruneMethod>()).SkipDropout, (double)json["skip_dropout"]!);
        Assert.Equal((SearchMethod.Get<HardPruneMethod>()).WeightDecay, (double)json["weight_decay"]!);
        Assert.Equal(DataOptions.ResolveDataDir(null), (string)json["data_dir"]!);
        // Only the image size and caps (none in these settings) and the table (not given) may be null: they mean "none".
        Assert.Equal(["image_size", "train_limit", "valid_limit", "table"], json.Where(p => p.Value is null).Select(p => p.Key));

        var provenance = json[RunProvenance.Key]!.AsObject();
        var recorded = SettingsFile<SearchConfig>.Provenance(run.ConfigPath)!;
        Assert.Equal(typeof(torch).Assembly.GetName().Version!.ToString(), recorded.TorchsharpVersion);
        Assert.Equal(torch.__version__, recorded.LibtorchVersion);
        Assert.Equal("vpdarts", recorded.CommandLine[0]);
        Assert.Equal(Environment.ProcessorCount, recorded.LogicalCores);
        Assert.InRange(recorded.StartedUtc, DateTime.UtcNow.AddDays(-1), DateTime.UtcNow);
        Assert.All(["vpdarts_version", "dotnet_version", "os", "cpu", "cpu_isa", "host"],
            key => Assert.False(string.IsNullOrWhiteSpace((string?)provenance[key]), key));

        // The settings read back without the provenance, equal to the resolved ones; the run continues in its folder.
        var stored = SettingsFile<SearchConfig>.Load(run.ConfigPath);
        Assert.Empty(SettingsFile<SearchConfig>.Differences(config.Resolved(), stored));
        Assert.Equal(stored, SettingsFile<SearchConfig>.Overlay(SearchPresets.Get("paper"), run.ConfigPath));
        // The report lists the provenance on its own, not as one more setting.
        var report = File.ReadAllText(RunReport.Write(dir, null).ReportPath);
        Assert.Contains("<summary>Provenance</summary>", report);
        Assert.Contains($"| `libtorch_version` | {recorded.LibtorchVersion} |", report);
        Assert.DoesNotContain("| `provenance` |", report);

        var resumed = JsonNode.Parse(VpDarts.Tests.Cli.CliHarness.Succeeds("search", "--resume", dir, "--print-config").Out)!.AsObject();
        Assert.Empty(SettingsFile<SearchConfig>.Differences(stored, SettingsFile<SearchConfig>.Parse(resumed.ToJsonString(), "printed")));
        Assert.True(JsonNode.DeepEquals(provenance, resumed[RunProvenance.Key]));  // the run's own, not this process's
        var again = TinySearch.Run(config, dir);
        Assert.Equal(first.Arch, again.Arch);
        Assert.Equal(File.ReadAllText(run.ConfigPath), json.ToJsonString(RunDirectory.Json) + "\n");  // written once, at the start
    }

    [Fact]
    public void A_training_config_records_the_data_folder_and_reads_back_without_its_provenance()
    {
        var config = TrainPresets.Get("tiny") with { Arch = Cell };
        var run = new RunDirectory(In("train"));
        Directory.CreateDirectory(run.Root);
        run.WriteConfig(config.Resolved(), RunProvenance.Capture(["train"]));

        var json = JsonNode.Parse(File.ReadAllText(run.ConfigPath))!.AsObject();
        Assert.Equal(DataOptions.ResolveDataDir(null), (string)json["data_dir"]!);
        Assert.NotNull(json[RunProvenance.Key]);
        Assert.Equal(config.Resolved(), SettingsFile<TrainConfig>.Load(run.ConfigPath));
        run.RequireSameSettings<TrainConfig>(stored => config with { DataDir = stored.DataDir }, "a training run", "train");
    }

    [Fact]
    public void The_methods_default_skip_dropout_is_the_one_its_supernet_uses()
    {
        foreach (var method in SearchMethod.All)
        {
            var config = TinySearch.Config(method);
            using var net = StrategyFactory.NewSupernet(config, MethodModule.StrategyFor(config), 3, 10);
            Assert.Equal(method.SkipDropout, net.SkipDropout);
        }
    }

    [Fact]
    public void The_default_data_folder_written_out_keeps_the_default_caches()
    {
        var resolved = DataOptions.ForDataDir(DataOptions.ResolveDataDir(null));
        Assert.Equal(new DataOptions().CacheDirectory, resolved.CacheDirectory);
        Assert.Equal(Path.Combine(In("data"), "cache"), DataOptions.ForDataDir(In("data")).CacheDirectory);
    }
}
