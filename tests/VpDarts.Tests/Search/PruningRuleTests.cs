using static TorchSharp.torch;

namespace VpDarts.Tests.Search;

/// <summary>Returns a fixed score matrix, so the strategies' rules can be checked by hand.</summary>
internal sealed class FixedImportance(float[,] measure, bool lowerMeansKeep = true) : IImportanceCriterion
{
    public string Name => "fixed";
    public int Calls { get; private set; }

    public ImportanceResult Evaluate(Supernet net, Tensor weights, bool[,] candidates, Func<int, IReadOnlyList<Batch>> batches, IWorkProgress? progress = null)
    {
        Calls++;
        var score = new float[6, 5];
        for (var e = 0; e < 6; e++)
            for (var o = 0; o < 5; o++)
                score[e, o] = !candidates[e, o] ? float.NegativeInfinity : lowerMeansKeep ? -measure[e, o] : measure[e, o];
        return new ImportanceResult(Name, measure, score, 0, null);
    }
}

public sealed class PruningRuleTests
{
    // Accuracy with each op removed; per edge the lowest value marks the op to keep.
    private static readonly float[,] Accuracies =
    {
        { 50, 40, 45, 30, 48 },  // keep nor_conv_3x3
        { 50, 20, 45, 30, 48 },  // keep skip_connect
        { 50, 49, 10, 30, 48 },  // keep nor_conv_1x1
        { 50, 49, 45, 46, 11 },  // keep avg_pool_3x3
        { 5, 49, 45, 46, 47 },   // keep none
        { 50, 49, 45, 30, 48 },  // keep nor_conv_3x3
    };

    private const string KeptArch = "|nor_conv_3x3~0|+|skip_connect~0|nor_conv_1x1~1|+|avg_pool_3x3~0|none~1|nor_conv_3x3~2|";

    private static SearchContext Context(SearchConfig config, IImportanceCriterion importance, out Supernet net)
    {
        net = new Supernet(new NetworkShape(4, 1, 3, 4), ArchWeighting.Raw);
        return new SearchContext(net, config, importance, (_, _) => [], () => []);
    }

    [Fact]
    public void AdjustableLinearFactorsRunFromOneToZeroOverThirtyEpochs()
    {
        var factors = Enumerable.Range(0, 30).Select(t => PruningSchedule.Factor(KMode.Adjustable, DecaySchedule.Linear, t, 30)).ToList();
        Assert.Equal(1.0, factors[0], 12);
        Assert.Equal(0.0, factors[29], 12);
        for (var t = 0; t < 30; t++) Assert.Equal(1.0 - t / 29.0, factors[t], 12);
    }

    [Fact]
    public void ExponentialFactorsFallFasterThanLinearButShareTheEnds()
    {
        var exp = Enumerable.Range(0, 30).Select(t => PruningSchedule.Factor(KMode.Adjustable, DecaySchedule.Exponential, t, 30)).ToList();
        Assert.Equal(1.0, exp[0], 12);
        Assert.Equal(0.0, exp[29], 12);
        for (var t = 1; t < 29; t++)
        {
            Assert.True(exp[t] < exp[t - 1]);
            Assert.True(exp[t] < 1.0 - t / 29.0, $"exponential should be below linear at t={t}");
        }
    }

    [Fact]
    public void FixedKFactorIsAlwaysZero() =>
        Assert.All(Enumerable.Range(0, 30), t => Assert.Equal(0.0, PruningSchedule.Factor(KMode.Fixed, DecaySchedule.Linear, t, 30)));

    [Fact]
    public void KeepsTheOpWhoseRemovalHurtsMostOnEveryEdge()
    {
        var result = new FixedImportance(Accuracies).Evaluate(null!, null!, AllCandidates(), _ => []);
        Assert.Equal(KeptArch, result.BestArch().ToString());
        Assert.Equal([3, 1], result.TopOps(0, 2));  // 30 (conv3x3), then 40 (skip)
    }

    [Fact]
    public void FixedKZeroesThePrunedAlphaAndLeavesTheKeptOnes()
    {
        var config = new SearchConfig { Method = SearchMethod.Get<VpDartsMethod>(), K = KMode.Fixed, Epochs = 4, Warmup = 2 };
        var strategy = new SoftPruningStrategy(config);
        var context = Context(config, new FixedImportance(Accuracies), out var net);
        Assert.Null(strategy.OnEpochStart(context, 1));  // warm-up: nothing happens
        var decision = strategy.OnEpochStart(context, 2)!;
        Assert.Equal(KeptArch, decision.Kept!.ToString());
        Assert.Equal(24, decision.Pruned.Count);
        var alpha = net.AlphaValues();
        var kept = Genotype.Parse(KeptArch);
        for (var e = 0; e < 6; e++)
            for (var o = 0; o < 5; o++)
                Assert.Equal(o == (int)kept[e] ? 0.2f : 0f, alpha[e, o]);
    }

    [Fact]
    public void AnEdgeWhoseOpsAllTieIsNotPruned()
    {
        var tied = (float[,])Accuracies.Clone();
        for (var o = 0; o < 5; o++) tied[0, o] = 50;  // edge 0: no information
        tied[1, 3] = 20;                               // edge 1: skip_connect and nor_conv_3x3 tie for the keep
        var config = new SearchConfig { Method = SearchMethod.Get<VpDartsMethod>(), K = KMode.Fixed, Epochs = 4, Warmup = 0 };
        var strategy = new SoftPruningStrategy(config);
        var context = Context(config, new FixedImportance(tied), out var net);
        var decision = strategy.OnEpochStart(context, 0)!;
        Assert.DoesNotContain(decision.Pruned, p => p.Edge == 0);
        Assert.Equal([0, 2, 3, 4], decision.Pruned.Where(p => p.Edge == 1).Select(p => p.Op));  // tie: equal α, lower index kept
        Assert.Equal(20, decision.Pruned.Count);
        Assert.All(Enumerable.Range(0, 5), o => Assert.Equal(0.2f, net.AlphaValues()[0, o]));
    }

    [Fact]
    public void AdjustableKCompoundsTheDecayOnTheCurrentAlpha()
    {
        var config = new SearchConfig { Method = SearchMethod.Get<VpDartsMethod>(), K = KMode.Adjustable, Epochs = 5, Warmup = 1 };  // 4 pruning epochs
        var strategy = new SoftPruningStrategy(config);
        var context = Context(config, new FixedImportance(Accuracies), out var net);
        var expected = 0.2;
        for (var epoch = 1; epoch < 5; epoch++)
        {
            strategy.OnEpochStart(context, epoch);
            expected *= 1.0 - (epoch - 1) / 3.0;
            Assert.Equal(expected, net.AlphaValues()[0, 0], 6);  // edge 0 prunes 'none'
            Assert.Equal(0.2, net.AlphaValues()[0, 3], 6);       // the kept op is untouched
        }
        Assert.Equal(0f, net.AlphaValues()[0, 0]);
    }

    [Fact]
    public void PrunedAlphaStillReceiveGradients()
    {
        using var scope = NewDisposeScope();
        var config = new SearchConfig { Method = SearchMethod.Get<VpDartsMethod>(), K = KMode.Fixed, Epochs = 3, Warmup = 0 };
        var strategy = new SoftPruningStrategy(config);
        var context = Context(config, new FixedImportance(Accuracies), out var net);
        strategy.OnEpochStart(context, 0);
        net.train();
        var logits = net.Forward(randn(4, 3, 8, 8), strategy.EdgeWeights(net));
        nn.functional.cross_entropy(logits, tensor(new long[] { 0, 1, 2, 3 })).backward();
        var grad = Supernet.HostMatrix(net.Alpha.grad!);
        var kept = Genotype.Parse(KeptArch);
        for (var e = 0; e < 6; e++)
            for (var o = 1; o < 5; o++)  // 'none' outputs zeros, so its gradient is zero by construction
                if (o != (int)kept[e])
                    Assert.True(grad[e, o] != 0f, $"pruned α[{e},{o}] got no gradient");
    }

    [Fact]
    public void FinalSelectionPicksTheOpWhoseRemovalHurtsMost()
    {
        var config = new SearchConfig { Method = SearchMethod.Get<HardPruneMethod>(), Epochs = 3, Warmup = 1 };
        var strategy = new HardPruningStrategy(config);
        var context = Context(config, new FixedImportance(Accuracies), out _);
        Assert.Equal(KeptArch, strategy.SelectFinal(context).Arch.ToString());
    }

    [Fact]
    public void DartsPicksTheArgmaxOfAlpha()
    {
        var alpha = new float[6, 5];
        var expected = new[] { 4, 0, 1, 2, 3, 1 };
        for (var e = 0; e < 6; e++) alpha[e, expected[e]] = 1f + e;
        alpha[5, 3] = alpha[5, 1];  // a tie goes to the lower index
        Assert.Equal(expected.Select(o => (Operation)o), ArgmaxStrategy.Argmax(alpha).Ops);
    }

    [Fact]
    public void ProgressivePruningKeepsFiveThenThreeThenTwoThenOne()
    {
        var config = new SearchConfig { Method = SearchMethod.Get<ProgressivePruneMethod>(), Epochs = 8, Warmup = 2 };  // 6 pruning epochs, stages of 2
        var strategy = new ProgressivePruningStrategy(config);
        var importance = new FixedImportance(Accuracies);
        var context = Context(config, importance, out var net);
        var live = new List<int>();
        for (var epoch = 0; epoch < 8; epoch++)
        {
            strategy.OnEpochStart(context, epoch);
            live.Add(strategy.LiveOpsPerEdge());
        }
        Assert.Equal([5, 5, 5, 5, 3, 3, 2, 2], live);
        Assert.Equal(2, importance.Calls);  // stage 1 keeps all five, so it needs no ablation
        var alpha = net.AlphaValues();
        Assert.Equal(0f, alpha[0, 0]);  // removed ops are zeroed ...
        using var weights = strategy.EdgeWeights(net);
        Assert.Equal(2, Supernet.HostMatrix(weights).Cast<float>().Take(5).Count(w => w != 0f));  // ... and masked
        Assert.Equal(KeptArch, strategy.SelectFinal(context).Arch.ToString());
    }

    private static bool[,] AllCandidates()
    {
        var all = new bool[6, 5];
        for (var e = 0; e < 6; e++)
            for (var o = 0; o < 5; o++)
                all[e, o] = true;
        return all;
    }
}
