namespace VpDarts.Tests.Strategies;

/// <summary>
/// How tied importance scores are broken: this toolkit's rule (larger |α|, then lower index) or the authors' code's
/// (<c>np.argmax</c> prunes the lowest-index maximum, so an epoch keeps the highest index; <c>np.argmin</c> at the end
/// keeps the lowest), and whether an edge whose ops all score the same is pruned.
/// </summary>
public sealed class TieRuleTests
{
    // Accuracy with each op removed (lower = keep).
    private static readonly float[,] Accuracies =
    {
        { 50, 20, 45, 20, 48 },  // ops 1 and 3 tie for the keep
        { 50, 50, 50, 50, 50 },  // every op ties: no information
        { 50, 49, 10, 30, 48 },  // op 2
        { 30, 49, 45, 46, 30 },  // ops 0 and 4 tie
        { 5, 49, 45, 46, 47 },   // op 0
        { 50, 49, 45, 30, 48 },  // op 3
    };

    private static ImportanceResult Result(float[,] measure, bool[,]? candidates = null)
    {
        var score = new float[6, 5];
        for (var e = 0; e < 6; e++)
            for (var o = 0; o < 5; o++)
                score[e, o] = candidates is null || candidates[e, o] ? -measure[e, o] : float.NegativeInfinity;
        return new ImportanceResult("valid-accuracy", measure, score, 0, null);
    }

    private static int[] Ops(Genotype arch) => arch.Ops.Select(o => (int)o).ToArray();

    [Fact]
    public void By_index_ties_go_to_the_highest_index_or_the_lowest()
    {
        var result = Result(Accuracies);
        Assert.Equal([3, 4, 2, 4, 0, 3], Ops(result.BestArchByIndex(higherIndex: true)));
        Assert.Equal([1, 0, 2, 0, 0, 3], Ops(result.BestArchByIndex(higherIndex: false)));
    }

    [Fact]
    public void By_index_only_candidates_count()
    {
        var candidates = CellTopology.EveryOp(true);
        candidates[1, 4] = candidates[1, 3] = false;  // removed ops of edge 1: the highest live index is 2
        candidates[3, 0] = false;                     // edge 3: op 4 alone is left of the tied pair
        var result = Result(Accuracies, candidates);
        Assert.Equal([3, 2, 2, 4, 0, 3], Ops(result.BestArchByIndex(higherIndex: true)));
        Assert.Equal([1, 0, 2, 4, 0, 3], Ops(result.BestArchByIndex(higherIndex: false)));
    }

    [Fact]
    public void By_alpha_ties_go_to_the_larger_magnitude_then_the_lower_index()
    {
        var alpha = new float[6, 5];
        alpha[0, 3] = -0.5f;  // edge 0: |α| prefers op 3 over op 1
        alpha[0, 1] = 0.4f;
        alpha[3, 0] = 0.1f;   // edge 3: op 0 over op 4
        alpha[3, 4] = -0.1f;  // equal magnitude: the lower index
        Assert.Equal([3, 0, 2, 0, 0, 3], Ops(Result(Accuracies).BestArch(alpha)));
        alpha[3, 4] = 0.2f;
        alpha[1, 2] = -1f;
        Assert.Equal([3, 2, 2, 4, 0, 3], Ops(Result(Accuracies).BestArch(alpha)));
    }

    private static (SoftPruningStrategy Strategy, SearchContext Context, Supernet Net) VpDarts(TieRule rule, bool skipUninformative)
    {
        var config = new SearchConfig
        {
            Method = SearchMethod.Get<VpDartsMethod>(), K = KMode.Fixed, Epochs = 2, Warmup = 0, TieRule = rule, SkipUninformativeEdges = skipUninformative,
        };
        var net = new Supernet(new NetworkShape(4, 1, 3, 4), ArchWeighting.Raw);
        return (new SoftPruningStrategy(config), new SearchContext(net, config, new SequenceImportance(Accuracies), (_, _) => [], () => []), net);
    }

    [Fact]
    public void The_codes_rule_keeps_the_highest_index_in_an_epoch_and_the_lowest_at_the_end()
    {
        var (strategy, context, net) = VpDarts(TieRule.Code, skipUninformative: true);
        using (net)
        {
            var decision = strategy.OnEpochStart(context, 0)!;
            Assert.Equal([3, 4, 2, 4, 0, 3], Ops(decision.Kept!));
            Assert.Equal([1, 0, 2, 0, 0, 3], Ops(strategy.SelectFinal(context).Arch));
        }
    }

    [Fact]
    public void The_default_rule_asks_alpha_in_the_epoch_and_at_the_end()
    {
        var (strategy, context, net) = VpDarts(TieRule.LargerAlpha, skipUninformative: true);
        using (net)
        {
            var alpha = net.AlphaValues();
            alpha[0, 3] = 0.7f;   // edge 0: op 3's α is the larger
            net.SetAlpha(alpha);
            var decision = strategy.OnEpochStart(context, 0)!;
            Assert.Equal([3, 0, 2, 0, 0, 3], Ops(decision.Kept!));  // edge 3: equal α (0.2), lower index
            Assert.Equal([3, 0, 2, 0, 0, 3], Ops(strategy.SelectFinal(context).Arch));
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void An_edge_whose_ops_all_tie_is_pruned_only_without_the_exception(bool skipUninformative)
    {
        var (strategy, context, net) = VpDarts(TieRule.Code, skipUninformative);
        using (net)
        {
            var decision = strategy.OnEpochStart(context, 0)!;
            var edge1 = decision.Pruned.Where(p => p.Edge == 1).Select(p => p.Op).ToList();
            var alpha = net.AlphaValues();
            if (skipUninformative)
            {
                Assert.Empty(edge1);
                Assert.Equal(20, decision.Pruned.Count);
                Assert.All(Enumerable.Range(0, 5), o => Assert.Equal(0.2f, alpha[1, o]));
            }
            else
            {
                Assert.Equal([0, 1, 2, 3], edge1);  // as np.argmax prunes 0, 1, 2, 3 in turn
                Assert.Equal(24, decision.Pruned.Count);
                Assert.Equal([0f, 0f, 0f, 0f, 0.2f], Enumerable.Range(0, 5).Select(o => alpha[1, o]));
            }
        }
    }

    [Fact]
    public void PrunedOps_leaves_an_all_equal_edge_alone_unless_told_not_to()
    {
        var result = Result(Accuracies);
        var kept = result.BestArchByIndex(higherIndex: true);
        var skipping = SoftPruningStrategy.PrunedOps(result, kept, skipUninformative: true);
        var all = SoftPruningStrategy.PrunedOps(result, kept, skipUninformative: false);
        Assert.DoesNotContain(skipping, p => p.Edge == 1);
        Assert.Equal([(1, 0), (1, 1), (1, 2), (1, 3)], all.Where(p => p.Edge == 1));
        Assert.Equal(all.Where(p => p.Edge != 1), skipping);
        Assert.All(all, p => Assert.NotEqual((int)kept[p.Edge], p.Op));
        Assert.Equal(SoftPruningStrategy.PrunedOps(result, kept), skipping);  // the exception is the default
    }
}
