using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Spectre.Console.Cli;
using VpDarts.Cli.Commands;

namespace VpDarts.Tests.Cli;

/// <summary>
/// The options of search, demo, train and experiment reach the config through <see cref="GivenOptions"/>: every option
/// that is a run setting names a config property its value can become, and a given option shows in
/// <c>--print-config</c>.
/// </summary>
public sealed class GivenOptionsTests
{
    private const string Cell =
        "|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|skip_connect~0|nor_conv_3x3~1|nor_conv_3x3~2|";

    public static TheoryData<Type, Type> SettingsClasses => new()
    {
        { typeof(SearchCommandSettings), typeof(SearchConfig) },
        { typeof(DemoSettings), typeof(SearchConfig) },
        { typeof(TrainSettings), typeof(TrainConfig) },
        { typeof(ExperimentSettings), typeof(SearchConfig) },
        { typeof(SweepSettings), typeof(SearchConfig) },
    };

    /// <summary>Options that set no config property one to one (the special cases of the settings classes).</summary>
    private static readonly string[] NotSettings =
    [
        "Config", "Out", "Force", "Resume", "PrintConfig", "Preset", "Table", "FaithfulToCode", "ThenTrain",
        "TrainPreset", "TrainConfig", "Seeds", "Parallel", "Emit", "ClusterMem", "ClusterTime", "Partition", "Account",
        "Grid",
    ];

    [Theory]
    [MemberData(nameof(SettingsClasses))]
    public void Every_option_is_a_setting_of_a_compatible_type_or_a_named_special_case(Type settings, Type config)
    {
        var mapped = GivenOptions.Of(settings, config);  // throws for a missing setting or an incompatible type
        Assert.NotEmpty(mapped);
        foreach (var option in mapped)
        {
            Assert.Same(config.GetProperty(option.Setting.Name), option.Setting);
            var from = Nullable.GetUnderlyingType(option.Given.PropertyType) ?? option.Given.PropertyType;
            var to = Nullable.GetUnderlyingType(option.Setting.PropertyType) ?? option.Setting.PropertyType;
            // A value of the setting's own type, or a name that becomes one (--method darts).
            Assert.True(from == to || from == typeof(string), $"{option.Given.Name}: {from.Name} → {to.Name}");
        }
        var options = settings.GetProperties().Where(p => p.IsDefined(typeof(CommandOptionAttribute)))
            .Select(p => p.Name);
        Assert.Equal(options.Except(NotSettings).Order(), mapped.Select(m => m.Given.Name).Order());
    }

    /// <summary>Settings that search and training both have, in the same sense, so with the same help.</summary>
    private static readonly string[] SharedSettings =
    [
        "Dataset", "DataDir", "ImageSize", "Layers", "Channels", "Momentum", "Seed", "Threads", "Device",
    ];

    [Fact]
    public void Every_option_that_sets_a_setting_shows_that_settings_one_help_text()
    {
        var helps = SettingsClasses.Select(row => (Type)row[0]).SelectMany(settings => settings.GetProperties())
            .Select(p => p.GetCustomAttribute<ConfigKeyAttribute>()).OfType<ConfigKeyAttribute>()
            .Select(key => (
                Setting: SharedSettings.Contains(key.Setting) ? key.Setting : $"{key.Config.Name}.{key.Setting}",
                Text: Regex.Replace(key.Description, @" \[\[default: .*", "")))
            .ToList();
        Assert.All(helps, help => Assert.False(string.IsNullOrWhiteSpace(help.Text), help.Setting));
        Assert.All(helps.GroupBy(help => help.Setting), setting =>
            Assert.True(setting.Select(help => help.Text).Distinct().Count() == 1,
                $"{setting.Key}: {string.Join(" | ", setting.Select(help => help.Text).Distinct())}"));
        // The image size's help is written once, for search, demo, train and experiment alike.
        Assert.Equal(5, helps.Count(help => help.Setting == "ImageSize"));
    }

    private sealed class Misnamed : CommandSettings
    {
        [CommandOption("--epochs <N>"), Sets<SearchConfig>("Epoch")]
        public int? Epochs { get; set; }
    }

    private sealed class Mistyped : CommandSettings
    {
        [CommandOption("--epochs <N>"), Sets<SearchConfig>(nameof(SearchConfig.Epochs))]
        public double? Epochs { get; set; }
    }

    private sealed class NeverUnset : CommandSettings
    {
        [CommandOption("--epochs <N>"), Sets<SearchConfig>(nameof(SearchConfig.Epochs))]
        public int Epochs { get; set; }
    }

    private sealed class OfTraining : CommandSettings
    {
        [CommandOption("--lr <LR>"), Sets<TrainConfig>(nameof(TrainConfig.Lr))]
        public double? Lr { get; set; }
    }

    [Theory]
    [InlineData(typeof(Misnamed), "SearchConfig has no setting Epoch")]
    [InlineData(typeof(Mistyped), "a Double option cannot set SearchConfig.Epochs, a Int32")]
    [InlineData(typeof(NeverUnset), "cannot say that the option was not given")]
    [InlineData(typeof(OfTraining), "sets a TrainConfig setting, not a SearchConfig one")]
    public void A_key_naming_no_setting_or_a_value_of_another_type_is_refused(Type settings, string message)
    {
        var e = Assert.Throws<InvalidOperationException>(() => GivenOptions.Of(settings, typeof(SearchConfig)));
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void Search_options_given_reach_the_printed_config()
    {
        var json = Printed("search", "--preset", "tiny", "--method", "vp-darts", "--k", "fixed",
            "--importance", "valid-loss", "--epochs", "7", "--resample-per-op", "--seed", "5", "--device", "CUDA:1",
            "--image-size", "24");
        Assert.Equal(("vp-darts", "fixed", "valid-loss", 7, true, 5, "cuda:1", 24),
            ((string)json["method"]!, (string)json["k"]!, (string)json["importance"]!, (int)json["epochs"]!,
             (bool)json["resample_subset_per_op"]!, (int)json["seed"]!, (string)json["device"]!,
             (int)json["image_size"]!));
    }

    [Fact]
    public void Demo_options_given_reach_the_printed_config()
    {
        var json = Printed("demo", "--method", "gdas", "--tau-max", "3", "--layers", "2", "--weight-decay", "0.002");
        Assert.Equal(("gdas", 3.0, 2, 0.002),
            ((string)json["method"]!, (double)json["tau_max"]!, (int)json["layers"]!, (double)json["weight_decay"]!));
    }

    [Fact]
    public void Train_options_given_reach_the_printed_config()
    {
        var json = Printed("train", "--preset", "tiny", "--arch", Cell, "--lr", "0.2", "--nesterov", "false",
            "--train-limit", "30", "--threads", "3");
        Assert.Equal((Cell, 0.2, false, 30, 3),
            ((string)json["arch"]!, (double)json["lr"]!, (bool)json["nesterov"]!, (int)json["train_limit"]!,
             (int)json["threads"]!));
    }

    [Fact]
    public void Experiment_options_given_reach_every_searchs_printed_config()
    {
        var printed = CliHarness.Succeeds("experiment", "table2", "--preset", "tiny", "--seeds", "1",
            "--table", Shared.Nb201Table, "--epochs", "5", "--valid-limit", "40", "--device", "Cpu", "--print-config");
        var searches = JsonNode.Parse(printed.Out)!["searches"]!.AsObject();
        Assert.NotEmpty(searches);
        Assert.All(searches, search => Assert.Equal((5, 40, "cpu"),
            ((int)search.Value!["epochs"]!, (int)search.Value!["valid_limit"]!, (string)search.Value!["device"]!)));
    }

    private static JsonObject Printed(params string[] args) =>
        JsonNode.Parse(CliHarness.Succeeds([.. args, "--print-config"]).Out)!.AsObject();
}
