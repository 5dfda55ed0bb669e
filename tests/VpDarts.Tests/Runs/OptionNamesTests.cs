using System.Text.Json;

namespace VpDarts.Tests.Runs;

/// <summary>The names of the method, K, decay and importance settings: one spelling in config.json, on the command line and in messages.</summary>
public sealed class OptionNamesTests
{
    [Fact]
    public void NamesAreTheKebabCaseNamesConfigFilesHold()
    {
        Assert.Equal(["vp-darts", "darts", "hard-prune", "progressive-prune", "darts-v2", "gdas", "drnas", "rsps"], SearchMethod.All.Select(m => m.Name).ToList());
        Assert.Equal(["fixed", "adjustable"], OptionNames.All<KMode>());
        Assert.Equal(["linear", "exponential"], OptionNames.All<DecaySchedule>());
        Assert.Equal(["valid-accuracy", "valid-accuracy-racing", "valid-accuracy-screening", "valid-loss", "alpha"],
            OptionNames.All<ImportanceCriterion>());
    }

    [Fact]
    public void EveryValueRoundTripsThroughItsName()
    {
        static void RoundTrip<T>() where T : struct, Enum
        {
            foreach (var value in Enum.GetValues<T>())
            {
                var name = OptionNames.Name(value);
                Assert.Equal(value, OptionNames.Parse<T>(name, "--option"));
                Assert.Equal(value, OptionNames.Find<T>(name));
                Assert.Equal($"\"{name}\"", JsonSerializer.Serialize(value, RunDirectory.Json));
            }
        }
        foreach (var method in SearchMethod.All)
        {
            Assert.Same(method, SearchMethod.Parse(method.Name, "--method"));
            Assert.Same(method, SearchMethod.Find(method.Name.ToUpperInvariant()));
            Assert.Equal($"\"{method.Name}\"", JsonSerializer.Serialize(method, RunDirectory.Json));
            Assert.Same(method, JsonSerializer.Deserialize<SearchMethod>($"\"{method.Name}\"", RunDirectory.Json));
        }
        RoundTrip<KMode>();
        RoundTrip<DecaySchedule>();
        RoundTrip<ImportanceCriterion>();
        Assert.Null(SearchMethod.Find("VpDarts"));
        Assert.Null(SearchMethod.Find(null));
    }

    [Theory]
    [InlineData("--method", "random-search", "--method: unknown method 'random-search' (expected vp-darts, darts, hard-prune, progressive-prune, darts-v2, gdas, drnas, rsps)")]
    [InlineData("--k", "sometimes", "--k: unknown mode 'sometimes' (expected fixed, adjustable)")]
    [InlineData("--decay", "cosine", "--decay: unknown schedule 'cosine' (expected linear, exponential)")]
    [InlineData("--importance", "valid-accuracy-fast",
        "--importance: unknown criterion 'valid-accuracy-fast' (expected valid-accuracy, valid-accuracy-racing, valid-accuracy-screening, valid-loss, alpha)")]
    public void AnUnknownNameIsOneLineNamingTheOptionAndTheNames(string option, string text, string message)
    {
        UserInputException Parse() => option switch
        {
            "--method" => Assert.Throws<UserInputException>(() => SearchMethod.Parse(text, option)),
            "--k" => Assert.Throws<UserInputException>(() => OptionNames.Parse<KMode>(text, option)),
            "--decay" => Assert.Throws<UserInputException>(() => OptionNames.Parse<DecaySchedule>(text, option)),
            _ => Assert.Throws<UserInputException>(() => OptionNames.Parse<ImportanceCriterion>(text, option)),
        };
        Assert.Equal(message, Parse().Message);
    }

    [Fact]
    public void ConfigJsonHoldsTheNamesAndReadsBackToTheSameBytes()
    {
        var config = new SearchConfig
        {
            Method = SearchMethod.Get<ProgressivePruneMethod>(), K = KMode.Fixed, Decay = DecaySchedule.Exponential, Importance = ImportanceCriterion.ValidLoss,
        };
        var json = JsonSerializer.Serialize(config, RunDirectory.Json);
        Assert.Contains("\"method\": \"progressive-prune\",\n  \"k\": \"fixed\",\n  \"decay\": \"exponential\",", json.ReplaceLineEndings("\n"));
        Assert.Contains("\"importance\": \"valid-loss\",", json);
        var read = SettingsFile<SearchConfig>.Parse(json, "config.json");
        Assert.Equal(config, read);
        Assert.Equal(json, JsonSerializer.Serialize(read, RunDirectory.Json));
    }

    [Theory]
    [InlineData("{\"method\": \"foo\"}", "config.json: key 'method': unknown method 'foo' (expected vp-darts, darts, hard-prune, progressive-prune, darts-v2, gdas, drnas, rsps)")]
    [InlineData("{\"method\": 1}", "config.json: key 'method': unknown method '1' (expected vp-darts, darts, hard-prune, progressive-prune, darts-v2, gdas, drnas, rsps)")]
    [InlineData("{\"method\": \"1\"}", "config.json: key 'method': unknown method '1' (expected vp-darts, darts, hard-prune, progressive-prune, darts-v2, gdas, drnas, rsps)")]
    [InlineData("{\"method\": \"darts, vp-darts\"}", "config.json: key 'method': unknown method 'darts, vp-darts' (expected vp-darts, darts, hard-prune, progressive-prune, darts-v2, gdas, drnas, rsps)")]
    [InlineData("{\"method\": \"VpDarts\"}", "config.json: key 'method': unknown method 'VpDarts' (expected vp-darts, darts, hard-prune, progressive-prune, darts-v2, gdas, drnas, rsps)")]
    [InlineData("{\"k\": \" fixed\"}", "config.json: key 'k': unknown mode ' fixed' (expected fixed, adjustable)")]
    [InlineData("{\"decay\": null}", "config.json: key 'decay': unknown schedule 'null' (expected linear, exponential)")]
    [InlineData("{\"epochs\": 3, \"importance\": \"valid-accuracy-fast\"}",
        "config.json: key 'importance': unknown criterion 'valid-accuracy-fast' (expected valid-accuracy, valid-accuracy-racing, valid-accuracy-screening, valid-loss, alpha)")]
    [InlineData("{\"step_order\": \"sideways\"}", "config.json: key 'step_order': unknown order 'sideways' (expected arch-first, weights-first)")]
    [InlineData("{\"tie_rule\": null}", "config.json: key 'tie_rule': unknown rule 'null' (expected larger-alpha, code)")]
    [InlineData("{\"final_choice\": \"best\"}", "config.json: key 'final_choice': unknown choice 'best' (expected last-ablation, accumulated)")]
    public void ASettingsFileWithAnUnknownNameIsOneLineNamingTheFileTheKeyAndTheNames(string json, string message)
    {
        Assert.Equal(message, Assert.Throws<UserInputException>(() => SettingsFile<SearchConfig>.Parse(json, "config.json")).Message);
    }

    [Fact]
    public void AnOptionalEnumSettingMayBeNullWhichLeavesItToTheMethod()
    {
        var unset = SettingsFile<SearchConfig>.Parse("{\"method\": \"darts\", \"step_order\": null, \"nesterov\": null, \"weight_decay\": null}", "c.json");
        Assert.Null(unset.StepOrder);
        Assert.Equal(StepOrder.WeightsFirst, unset.EffectiveStepOrder);
        Assert.Equal(StepOrder.ArchFirst, SettingsFile<SearchConfig>.Parse("{\"step_order\": \"arch-first\"}", "c.json").StepOrder);

        // What a plan or an experiment writes of a config that leaves them unset reads back to the same config.
        var config = new SearchConfig { Method = SearchMethod.Get<DartsMethod>() };
        var json = JsonSerializer.Serialize(config, RunDirectory.Json);
        Assert.Contains("\"step_order\": null", json);
        Assert.Equal(config, SettingsFile<SearchConfig>.Parse(json, "configs/0.json"));
    }

    [Fact]
    public void TheFirstBadSettingInTheFileIsTheOneNamed()
    {
        var error = Assert.Throws<UserInputException>(() => SettingsFile<SearchConfig>.Parse("{\"epochs\": \"ten\", \"method\": \"foo\"}", "c.json"));
        Assert.StartsWith("c.json: key 'epochs' expects a whole number", error.Message);
        error = Assert.Throws<UserInputException>(() => SettingsFile<SearchConfig>.Parse("{\"no_such\": 1, \"method\": \"foo\"}", "c.json"));
        Assert.Contains("no_such", error.Message);
        Assert.Equal(SearchMethod.Get<DartsMethod>(), SettingsFile<SearchConfig>.Parse("{\"method\": \"darts\"}", "c.json").Method);
    }

    [Fact]
    public void An_unknown_name_with_a_line_break_stays_on_one_line()
    {
        var error = Assert.Throws<UserInputException>(() => SearchMethod.Parse("vp-darts\nrm -rf", "--method"));
        Assert.Equal("--method: unknown method 'vp-darts\\nrm -rf' (expected vp-darts, darts, hard-prune, progressive-prune, darts-v2, gdas, drnas, rsps)", error.Message);
    }
}
