using VpDarts.Tests.Cli;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace VpDarts.Tests.Methods;

/// <summary>
/// A method is one module: the settings, the command line, the help, the experiment catalog, the progress plan and
/// the docs take the list of methods from <see cref="SearchMethod.All"/>, so each of them shows every module,
/// RSPS (added as one folder) included, without a second list to keep in step.
/// </summary>
public sealed class MethodModuleTests
{
    [Fact]
    public void Every_method_is_a_module_found_by_itself()
    {
        var modules = typeof(SearchMethod).Assembly.GetTypes()
            .Where(t => t.IsSubclassOf(typeof(SearchMethod)) && !t.IsAbstract).Select(t => t.Name).Order().ToList();
        Assert.Equal(modules, SearchMethod.All.Select(m => m.GetType().Name).Order());
        Assert.All(SearchMethod.All, m => Assert.IsAssignableFrom<MethodModule>(m));
        Assert.Contains(SearchMethod.All, m => m is RspsMethod);
        Assert.Equal(SearchMethod.All.Count, SearchMethod.All.Select(m => m.Name).Distinct().Count());
        Assert.Equal(SearchMethod.All.Count, SearchMethod.All.Select(m => m.ListOrder).Distinct().Count());
        Assert.All(SearchMethod.All, m => Assert.Matches("^[a-z][a-z0-9]*(-[a-z0-9]+)*$", m.Name));
        Assert.IsType<VpDartsMethod>(new SearchConfig().Method);  // the toolkit's own method is the default
        var settings = typeof(SearchConfig).GetProperties().Select(p => p.Name).ToHashSet();
        Assert.All(SearchMethod.All.SelectMany(m => m.Options), option => Assert.Contains(option, settings));
    }

    [Fact]
    public void The_help_and_the_printed_config_know_every_method()
    {
        var help = Regex.Replace(CliHarness.Succeeds("search", "--help").Out, @"\s+", " ");
        var methodHelp = Regex.Match(help, @"--method <METHOD> (?:(?! --).)*").Value;
        foreach (var method in SearchMethod.All)
        {
            Assert.Matches($@"\b{Regex.Escape(method.Name)}\b", methodHelp);
            var printed = JsonNode.Parse(CliHarness.Succeeds("search", "--preset", "tiny", "--method", method.Name, "--print-config").Out)!;
            Assert.Equal(method.Name, printed["method"]!.GetValue<string>());
            Assert.Equal(method.WeightDecay, printed["weight_decay"]!.GetValue<double>());
            Assert.Equal(method.Nesterov, printed["nesterov"]!.GetValue<bool>());
            Assert.Equal(method.SkipDropout, printed["skip_dropout"]!.GetValue<double>());
            Assert.Equal(method.ClipIncludesAlpha, printed["clip_includes_alpha"]!.GetValue<bool>());
        }
    }

    [Fact]
    public void An_option_only_other_methods_read_is_refused_for_each_method()
    {
        foreach (var method in SearchMethod.All)
        {
            var args = new List<string> { "search", "--preset", "tiny", "--method", method.Name, "--print-config" };
            if (!method.Options.Contains(nameof(SearchConfig.TauMax))) args.AddRange(["--tau-max", "5"]);
            else args.AddRange(["--warmup", "1"]);
            var result = CliHarness.Run([.. args]);
            Assert.NotEqual(0, result.ExitCode);
            var readers = SearchMethod.All.Where(m => m.Options.Contains(method.Options.Contains(nameof(SearchConfig.TauMax))
                ? nameof(SearchConfig.Warmup) : nameof(SearchConfig.TauMax))).Select(m => m.Name);
            Assert.Contains("only used with --method", result.Err);
            Assert.All(readers, name => Assert.Contains(name, result.Err));
        }
    }

    [Fact]
    public void The_methods_experiment_has_a_row_for_every_method_with_a_published_result()
    {
        var published = MethodModule.Modules.Where(m => m.Published is not null).ToList();
        Assert.Contains(published, m => m is RspsMethod);
        var experiment = ExperimentCatalog.Get("methods");
        Assert.Equal(published.Select(m => m.Published!.Variant), experiment.Variants.Select(v => v.Name));
        foreach (var (method, variant) in published.Zip(experiment.Variants))
        {
            Assert.Same(method, variant.Apply(new SearchConfig { Method = SearchMethod.Get<DartsMethod>() }).Method);
            Assert.Equal(method.Published!.Label, variant.Label);
            Assert.Equal(method.Published.Accuracy, variant.PaperResult);
            Assert.Contains(method.Published.Label, experiment.Purpose);
        }
    }

    [Fact]
    public void The_progress_plan_counts_each_methods_final_choice()
    {
        var data = new RandomSearchData();
        foreach (var method in SearchMethod.All.Cast<MethodModule>())
        {
            var config = TinySearch.Config(method);
            var phases = SearchProgressPlan.Phases(config, MethodModule.StrategyFor(config), data, 0, resumedInside: false);
            var last = phases[^1];
            Assert.Equal(method.FinalSelectionAblates || method.FinalSelectionCells > 0, last.Kind == SearchProgressPlan.FinalSelection);
            if (method.FinalSelectionCells > 0) Assert.Equal(method.FinalSelectionCells, last.Units);
        }
    }

    [Theory]
    [InlineData("darts", "tau_max", "-1", "--tau-max / --tau-min: need 0 < tau-min <= tau-max")]
    [InlineData("vp-darts", "dirichlet_reg_scale", "-1", "--dirichlet-reg-scale: must be in [0,")]
    [InlineData("gdas", "decay_rate", "0", "decay_rate: must be in (0, 1000]")]
    [InlineData("rsps", "screen_keep", "9", "--screen-keep: must be 1 to 5")]
    public void A_methods_own_option_is_checked_whichever_method_the_config_names(
        string method, string key, string value, string message)
    {
        var json = $"{{\"method\": \"{method}\", \"{key}\": {value}}}";
        var config = SettingsFile<SearchConfig>.Parse(json, "config.json");
        var error = Assert.Throws<UserInputException>(() => config.Validate(checkDataset: false));
        Assert.StartsWith(message, error.Message);
        Assert.Equal(method, config.Method.Name);
    }

    [Fact]
    public void The_methods_page_describes_every_method()
    {
        var page = File.ReadAllText(Path.Combine(Shared.RepoRoot, "docs", "METHODS.md"));
        Assert.All(SearchMethod.All, m => Assert.Contains($"`{m.Name}`", page));
    }
}
