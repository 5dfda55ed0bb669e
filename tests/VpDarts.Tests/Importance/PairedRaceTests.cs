using System.Numerics;

namespace VpDarts.Tests.Importance;

/// <summary>The race's stopping rule on scripted per-image outcomes (no network).</summary>
public sealed class PairedRaceTests
{
    private const int BatchSize = 20;

    /// <summary>P(Binomial(n, ½) ≥ k) with exact integers, independent of the implementation under test.</summary>
    private static double ExactTail(int k, int n)
    {
        if (k <= 0) return 1;
        BigInteger sum = 0, c = 1;
        for (var i = 0; i <= n; i++)
        {
            if (i >= k) sum += c;
            c = c * (n - i) / (i + 1);
        }
        return (double)sum / Math.Pow(2, n);
    }

    /// <summary>Independent p of the paired sign test "racer a is right more often than racer b".</summary>
    private static double SignP(IEnumerable<bool> a, IEnumerable<bool> b)
    {
        var pairs = a.Zip(b).ToList();
        var favour = pairs.Count(p => p.First && !p.Second);
        var against = pairs.Count(p => !p.First && p.Second);
        return ExactTail(favour, favour + against);
    }

    private static bool[] Hits(int count, int offset = 0) =>
        Enumerable.Range(0, BatchSize).Select(i => (i + offset) % BatchSize < count).ToArray();

    private static IReadOnlyList<IReadOnlyList<int>> Singles(int n) => Enumerable.Range(0, n).Select(i => (IReadOnlyList<int>)[i]).ToList();

    [Theory]
    [InlineData(0, 0)]
    [InlineData(3, 3)]
    [InlineData(7, 10)]
    [InlineData(1, 12)]
    [InlineData(40, 60)]
    [InlineData(118, 150)]
    public void BinomialTailIsExact(int k, int n) =>
        Assert.Equal(ExactTail(k, n), Math.Exp(PairedRace.LogBinomialUpperTail(k, n)), 1e-12);

    [Fact]
    public void AmbiguousLeaderKeepsRacingUntilTheTestSeparatesIt()
    {
        // Racer 0 is the op to keep, but for the first three batches every racer is right on the same images.
        // From batch 4 on, racers 1 and 2 get 12 more images right than racer 0 per batch.
        bool[] Outcome(int racer, int batch) => batch < 3 ? Hits(10) : Hits(racer == 0 ? 4 : 16);
        var options = new RacingOptions { Confidence = 0.95, MinBatches = 1 };
        var outcome = PairedRace.Run(0, Singles(3), 10, options, Outcome);

        var delta = 0.05 / (2 * 10);
        Assert.All(outcome.Rounds, r => Assert.Equal(delta, r.Threshold, 15));
        Assert.All(outcome.Rounds.Take(3), r =>
        {
            Assert.Empty(r.Eliminated);
            Assert.False(r.Stopped);
            Assert.All(r.PValues.Values, p => Assert.Equal(1.0, p));
        });
        // Every logged decision is the rule applied to the outcomes seen so far, recomputed independently.
        foreach (var round in outcome.Rounds)
        {
            var seen = Enumerable.Range(0, 3).Select(i => Enumerable.Range(0, round.Batches).SelectMany(b => Outcome(i, b)).ToList()).ToList();
            Assert.Equal(0, round.Leader);
            foreach (var (op, p) in round.PValues)
            {
                Assert.Equal(SignP(seen[op], seen[0]), p, 1e-12);
                Assert.Equal(p <= delta, round.Eliminated.Contains(op));
            }
        }
        var stop = outcome.Rounds.Single(r => r.Stopped);
        Assert.Equal(outcome.Rounds[^1], stop);
        Assert.True(stop.Batches is > 3 and < 10, $"stopped after {stop.Batches} batches");
        // Batch 4 gives 12 discordant images, all in the rivals' favour: p = 2^-12 ≈ 2.4e-4 ≤ δ = 2.5e-3.
        Assert.Equal(4, stop.Batches);
        Assert.Equal([true, false, false], outcome.Survivors);
        Assert.Equal([4, 4, 4], outcome.Batches);
    }

    [Fact]
    public void NoTestBeforeMinBatchesEvenWithAClearWinner()
    {
        bool[] Outcome(int racer, int batch) => Hits(racer == 0 ? 0 : BatchSize);
        var outcome = PairedRace.Run(2, Singles(5), 8, new RacingOptions { MinBatches = 3 }, Outcome);
        Assert.Equal(3, outcome.RoundsRun);
        Assert.All(outcome.Rounds.Take(2), r => Assert.Empty(r.PValues));
        Assert.Equal([1, 2, 3, 4], outcome.Rounds[2].Eliminated);
        Assert.True(outcome.Rounds[2].Stopped);
        Assert.Equal(0.05 / (4 * 6), outcome.Rounds[2].Threshold, 15);
        Assert.Equal(3 * BatchSize, outcome.Images[0]);
        Assert.All(outcome.Rounds, r => Assert.Equal(2, r.Edge));
    }

    [Fact]
    public void ClearWinnerStopsEarlyAndOnlyTheLosersThatAreSeparatedLeave()
    {
        // Racer 3 is the keep; racer 1 is close to it (never separable), racers 0, 2, 4 are far.
        bool[] Outcome(int racer, int batch) => racer switch { 3 => Hits(5), 1 => Hits(5, batch % 2), _ => Hits(19) };
        var outcome = PairedRace.Run(0, Singles(5), 12, new RacingOptions { MinBatches = 2 }, Outcome);
        Assert.Equal([1, 3], outcome.Rounds[1].Racing.Where(o => !outcome.Rounds[1].Eliminated.Contains(o)));
        Assert.Equal([false, true, false, true, false], outcome.Survivors);
        Assert.Equal(12, outcome.RoundsRun);  // 1 vs 3 never separates: the batches run out
        Assert.Equal([2, 12, 2, 12, 2], outcome.Batches);
        Assert.True(outcome.Rounds[^1].Stopped);
        Assert.Equal(25f, outcome.Accuracy(3));
    }

    [Fact]
    public void ConfidenceOneNeverDropsAnything()
    {
        bool[] Outcome(int racer, int batch) => Hits(racer == 0 ? 0 : BatchSize);
        var outcome = PairedRace.Run(0, Singles(5), 6, new RacingOptions { Confidence = 1, MinBatches = 1 }, Outcome);
        Assert.Equal(6, outcome.RoundsRun);
        Assert.All(outcome.Survivors, Assert.True);
        Assert.All(outcome.Rounds, r => Assert.Empty(r.Eliminated));
        Assert.Equal(0.0, outcome.Rounds[0].Threshold);
    }

    [Fact]
    public void SharedRacerReportsAllItsOps()
    {
        IReadOnlyList<IReadOnlyList<int>> racers = [[0, 2, 4], [1], [3]];
        bool[] Outcome(int racer, int batch) => Hits(racer == 2 ? 1 : 18);
        var outcome = PairedRace.Run(5, racers, 4, new RacingOptions { MinBatches = 1 }, Outcome);
        Assert.Equal(3, outcome.Rounds[0].Leader);
        Assert.Equal([0, 1, 2, 3, 4], outcome.Rounds[0].Racing);
        Assert.Equal([0, 2, 4, 1], outcome.Rounds[0].Eliminated);
        Assert.Equal(0.05 / (2 * 4), outcome.Rounds[0].Threshold, 15);
        Assert.Equal(outcome.Rounds[0].PValues[0], outcome.Rounds[0].PValues[4]);
    }
}
