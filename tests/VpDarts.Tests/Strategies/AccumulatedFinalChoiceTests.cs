namespace VpDarts.Tests.Strategies;

/// <summary>
/// VP-DARTS's final choice by hand: the pruning epochs agree on one op of edge 0 and the final ablation prefers
/// another, so the paper's rule and the accumulated rule pick different cells from the same evidence.
/// </summary>
public sealed class AccumulatedFinalChoiceTests
{
    // Accuracy with each op removed (lower = keep); edges 1–5 agree throughout.
    private static float[,] Measure(float skip, float conv3x3) => new float[,]
    {
        { 50, skip, 45, conv3x3, 48 },
        { 50, 20, 45, 30, 48 },
        { 50, 49, 10, 30, 48 },
        { 50, 49, 45, 46, 11 },
        { 5, 49, 45, 46, 47 },
        { 50, 49, 45, 30, 48 },
    };

    private static readonly float[,] Epoch = Measure(skip: 10, conv3x3: 30);  // every epoch: skip_connect, by 20 points
    private static readonly float[,] Final = Measure(skip: 60, conv3x3: 5);   // the last ablation: nor_conv_3x3, by 55

    private const string Rest = "|+|skip_connect~0|nor_conv_1x1~1|+|avg_pool_3x3~0|none~1|nor_conv_3x3~2|";

    private static SearchConfig Config(FinalChoice choice) =>
        new() { Method = SearchMethod.Get<VpDartsMethod>(), K = KMode.Adjustable, Epochs = 3, Warmup = 0, FinalChoice = choice };

    private static SearchContext Context(SearchConfig config, Supernet net, params float[][,] measures) =>
        new(net, config, new SequenceImportance(measures), (_, _) => [], () => []);

    [Theory]
    [InlineData(FinalChoice.LastAblation, "|nor_conv_3x3~0" + Rest)]
    [InlineData(FinalChoice.Accumulated, "|skip_connect~0" + Rest)]
    public void The_setting_picks_one_of_the_two_cells_both_rules_record(FinalChoice choice, string arch)
    {
        var config = Config(choice);
        var strategy = new SoftPruningStrategy(config);
        using var net = new Supernet(new NetworkShape(4, 1, 3, 4), ArchWeighting.Raw);
        var context = Context(config, net, Epoch, Epoch, Epoch, Final);
        for (var epoch = 0; epoch < 3; epoch++) Assert.Equal("|skip_connect~0" + Rest, strategy.OnEpochStart(context, epoch)!.Kept!.ToString());

        var final = strategy.SelectFinal(context);
        Assert.Equal(arch, final.Arch.ToString());
        Assert.Equal("|nor_conv_3x3~0" + Rest, final.ArchByRule!["last-ablation"]);
        Assert.Equal("|skip_connect~0" + Rest, final.ArchByRule["accumulated"]);
        Assert.Same(Final, final.Importance!.Measure);  // the evidence recorded is the last ablation's
    }

    [Fact]
    public void The_sum_carries_over_through_the_strategys_state()
    {
        var config = Config(FinalChoice.Accumulated);
        using var net = new Supernet(new NetworkShape(4, 1, 3, 4), ArchWeighting.Raw);
        var before = new SoftPruningStrategy(config);
        var first = Context(config, net, Epoch);
        before.OnEpochStart(first, 0);
        before.OnEpochStart(first, 1);

        // One epoch's sum (−10 − 60 against −30 − 5) would pick nor_conv_3x3; with the stored two it stays skip_connect.
        var restored = new SoftPruningStrategy(config);
        restored.LoadState(before.SaveState());
        var rest = Context(config, net, Epoch, Final);
        restored.OnEpochStart(rest, 2);
        Assert.Equal("|skip_connect~0" + Rest, restored.SelectFinal(rest).Arch.ToString());

        var fresh = new SoftPruningStrategy(config);
        var alone = Context(config, net, Epoch, Final);
        fresh.OnEpochStart(alone, 2);
        Assert.Equal("|nor_conv_3x3~0" + Rest, fresh.SelectFinal(alone).Arch.ToString());
    }

    [Fact]
    public void The_gradient_and_hard_pruning_methods_record_one_cell()
    {
        var config = new SearchConfig { Method = SearchMethod.Get<HardPruneMethod>(), Epochs = 3, Warmup = 1 };
        using var net = new Supernet(new NetworkShape(4, 1, 3, 4), ArchWeighting.Raw);
        var final = new HardPruningStrategy(config).SelectFinal(Context(config, net, Final));
        Assert.Equal("|nor_conv_3x3~0" + Rest, final.Arch.ToString());
        Assert.Null(final.ArchByRule);
        Assert.Null(new DartsStrategy().SelectFinal(Context(TinySearch.Config(SearchMethod.Get<DartsMethod>()), net, Final)).ArchByRule);
    }
}
