namespace VpDarts.Tests.Runs;

/// <summary>
/// The optimiser settings and step order each method runs with when a config leaves them unset: NB201's DARTS-V1/V2
/// and GDAS (weight decay 5e-4, Nesterov), DrNAS's and this toolkit's own (3e-4, plain momentum); explicit settings win.
/// </summary>
public sealed class MethodDefaultsTests
{
    public static TheoryData<SearchMethod, double, bool, StepOrder, bool> Defaults => new()
    {
        { SearchMethod.Get<DartsMethod>(), 5e-4, true, StepOrder.WeightsFirst, true },
        { SearchMethod.Get<DartsV2Method>(), 5e-4, true, StepOrder.ArchFirst, true },
        { SearchMethod.Get<GdasMethod>(), 5e-4, true, StepOrder.WeightsFirst, true },
        { SearchMethod.Get<DrNasMethod>(), 3e-4, false, StepOrder.ArchFirst, true },
        { SearchMethod.Get<VpDartsMethod>(), 3e-4, false, StepOrder.ArchFirst, false },
        { SearchMethod.Get<HardPruneMethod>(), 3e-4, false, StepOrder.ArchFirst, false },
        { SearchMethod.Get<ProgressivePruneMethod>(), 3e-4, false, StepOrder.ArchFirst, false },
        { SearchMethod.Get<RspsMethod>(), 5e-4, true, StepOrder.WeightsFirst, true },
    };

    [Fact]
    public void Every_method_has_its_defaults_checked_here() =>
        Assert.Equal(SearchMethod.All.Select(m => m.Name).Order(), Defaults.Select(row => ((SearchMethod)row[0]).Name).Order());

    [Theory]
    [MemberData(nameof(Defaults))]
    public void An_unset_setting_is_the_methods_own(SearchMethod method, double weightDecay, bool nesterov, StepOrder order, bool clipsAlpha)
    {
        var config = new SearchConfig { Method = method };
        Assert.Null(config.WeightDecay);
        Assert.Null(config.Nesterov);
        Assert.Null(config.StepOrder);
        Assert.Null(config.ClipIncludesAlpha);
        Assert.Equal((weightDecay, nesterov, order, clipsAlpha),
            (config.EffectiveWeightDecay, config.EffectiveNesterov, config.EffectiveStepOrder, config.EffectiveClipIncludesAlpha));

        var resolved = config.Resolved();
        Assert.Equal((weightDecay, nesterov, order, clipsAlpha),
            (resolved.WeightDecay!.Value, resolved.Nesterov!.Value, resolved.StepOrder!.Value, resolved.ClipIncludesAlpha!.Value));
        Assert.Equal(config with
        {
            WeightDecay = weightDecay, Nesterov = nesterov, StepOrder = order, ClipIncludesAlpha = clipsAlpha,
            SkipDropout = (method).SkipDropout, DataDir = DataOptions.ResolveDataDir(null),
        }, resolved);
        Assert.Equal(resolved, resolved.Resolved());
    }

    [Theory]
    [MemberData(nameof(Defaults))]
    public void Settings_a_config_gives_win_over_the_methods(SearchMethod method, double weightDecay, bool nesterov, StepOrder order, bool clipsAlpha)
    {
        var other = order == StepOrder.ArchFirst ? StepOrder.WeightsFirst : StepOrder.ArchFirst;
        var config = new SearchConfig { Method = method, WeightDecay = weightDecay * 2, Nesterov = !nesterov, StepOrder = other, ClipIncludesAlpha = !clipsAlpha };
        Assert.Equal((weightDecay * 2, !nesterov, other, !clipsAlpha),
            (config.EffectiveWeightDecay, config.EffectiveNesterov, config.EffectiveStepOrder, config.EffectiveClipIncludesAlpha));
        Assert.Equal(config with { SkipDropout = (method).SkipDropout, DataDir = DataOptions.ResolveDataDir(null) }, config.Resolved());

        // One setting given, the others still the method's.
        var partly = new SearchConfig { Method = method, Nesterov = !nesterov }.Resolved();
        Assert.Equal((weightDecay, !nesterov, order, clipsAlpha),
            (partly.WeightDecay!.Value, partly.Nesterov!.Value, partly.StepOrder!.Value, partly.ClipIncludesAlpha!.Value));
    }

    [Fact]
    public void Only_the_pruning_methods_warm_up()
    {
        foreach (var method in SearchMethod.All)
        {
            var config = new SearchConfig { Method = method, Epochs = 10, Warmup = 3 };
            var warms = method is VpDartsMethod or HardPruneMethod or ProgressivePruneMethod;
            Assert.Equal(warms, method.WarmsUp);
            Assert.Equal(!warms, method.ClipIncludesAlpha);  // the published baselines' code clips α's gradient too
            Assert.Equal(warms ? 3 : 0, config.EffectiveWarmup);
            Assert.Equal(warms ? 7 : 10, config.PruningEpochs);
        }
    }

    [Fact]
    public void The_weight_decay_in_use_is_validated()
    {
        var error = Assert.Throws<UserInputException>(() => new SearchConfig { Method = SearchMethod.Get<DartsMethod>(), WeightDecay = -1e-4, Dataset = "demo" }.Validate());
        Assert.StartsWith("--weight-decay:", error.Message);
        new SearchConfig { Method = SearchMethod.Get<DartsMethod>(), Dataset = "demo" }.Validate();
    }
}
