namespace VpDarts.Importance;

/// <summary>
/// A paired race between the ablations of one edge. In round r every racing op is evaluated on batch r (the same
/// images for all of them). From round <see cref="RacingOptions.MinBatches"/> on, the leader L is the racer with
/// the fewest correct predictions so far; each other racer j is tested against L with an exact one-sided sign test
/// (McNemar's test) on the paired per-image correctness: b = images j gets right and L wrong, c = images L gets
/// right and j wrong, p = P(Binomial(b + c, ½) ≥ b), the probability of so many discordant images in j's favour if
/// j's accuracy were not above L's. j leaves the race when p ≤ δ = (1 − confidence) / ((m − 1) · looks), where m is
/// the number of racers the edge started with and looks = batches − MinBatches + 1 the number of rounds that can
/// test: a Bonferroni correction over the m − 1 rivals of the op to keep and over the rounds, so the op the whole
/// population would keep leaves the race with probability at most 1 − confidence. The edge stops when one racer is
/// left, or when the batches run out (then every survivor has the full-subset accuracy, the exact answer).
/// The test treats the images as independent draws; batches must therefore be a random order of the subset.
/// </summary>
public static class PairedRace
{
    /// <summary>
    /// Races <paramref name="racerOps"/>.Count racers (each racer is the list of ops it stands for) over
    /// <paramref name="batches"/> rounds; <paramref name="outcome"/>(racer, batch) returns the per-image correctness
    /// of that racer on that batch (equal lengths for every racer of a batch).
    /// </summary>
    public static RaceOutcome Run(int edge, IReadOnlyList<IReadOnlyList<int>> racerOps, int batches,
        RacingOptions options, Func<int, int, bool[]> outcome)
    {
        if (options.Confidence is not (> 0 and <= 1))
            throw new ArgumentOutOfRangeException(nameof(options), "confidence must be in (0, 1]");
        if (options.MinBatches < 1)
            throw new ArgumentOutOfRangeException(nameof(options), "min batches must be at least 1");
        var m = racerOps.Count;
        var looks = Math.Max(1, batches - options.MinBatches + 1);
        var delta = (1 - options.Confidence) / (Math.Max(1, m - 1) * (double)looks);
        var logDelta = Math.Log(delta);
        var seen = Enumerable.Range(0, m).Select(_ => new List<bool>()).ToArray();
        var correct = new long[m];
        var rounds = new int[m];
        var alive = Enumerable.Range(0, m).ToList();
        var log = new List<RaceRound>();
        var run = 0;
        for (var r = 0; r < batches && alive.Count > 0; r++)
        {
            var length = -1;
            foreach (var i in alive)
            {
                var result = outcome(i, r);
                if (length >= 0 && result.Length != length)
                    throw new InvalidOperationException("racers saw batches of different sizes");
                length = result.Length;
                seen[i].AddRange(result);
                correct[i] += result.Count(x => x);
                rounds[i]++;
            }
            run = r + 1;
            var leader = alive.MinBy(i => correct[i]);
            var racing = alive.SelectMany(i => racerOps[i]).Order().ToList();
            var pValues = new Dictionary<int, double>();
            var eliminated = new List<int>();
            if (run >= options.MinBatches)
            {
                foreach (var j in alive.Where(j => j != leader).ToList())
                {
                    var logP = LogSignTestP(seen[j], seen[leader]);
                    foreach (var op in racerOps[j]) pValues[op] = Math.Exp(logP);
                    if (logP > logDelta) continue;
                    alive.Remove(j);
                    eliminated.AddRange(racerOps[j]);
                }
            }
            var stopped = run >= options.MinBatches && alive.Count <= 1 || run == batches;
            log.Add(new RaceRound(edge, run, seen[leader].Count, racerOps[leader][0], racing, pValues, delta,
                eliminated, stopped));
            if (stopped) break;
        }
        var images = seen.Select(s => (long)s.Count).ToArray();
        var survivors = Enumerable.Range(0, m).Select(alive.Contains).ToArray();
        return new RaceOutcome(correct, images, rounds, survivors, run, log);
    }

    /// <summary>
    /// log p of the one-sided paired sign test that <paramref name="higher"/> is right more often than
    /// <paramref name="lower"/> (per-image correctness on the same images).
    /// </summary>
    public static double LogSignTestP(IReadOnlyList<bool> higher, IReadOnlyList<bool> lower)
    {
        int b = 0, c = 0;
        for (var i = 0; i < higher.Count; i++)
        {
            if (higher[i] && !lower[i]) b++;
            else if (lower[i] && !higher[i]) c++;
        }
        return LogBinomialUpperTail(b, b + c);
    }

    /// <summary>log P(Binomial(<paramref name="trials"/>, ½) ≥ <paramref name="successes"/>), exact.</summary>
    public static double LogBinomialUpperTail(int successes, int trials)
    {
        if (successes <= 0) return 0;
        if (successes > trials) return double.NegativeInfinity;
        // log C(n, i) − n log 2 for i = successes … trials, summed stably around the largest term.
        var logFactorial = new double[trials + 1];
        for (var i = 1; i <= trials; i++) logFactorial[i] = logFactorial[i - 1] + Math.Log(i);
        var terms = new double[trials - successes + 1];
        for (var i = successes; i <= trials; i++)
            terms[i - successes] = logFactorial[trials] - logFactorial[i] - logFactorial[trials - i] -
                trials * Math.Log(2);
        var max = terms.Max();
        var sum = terms.Sum(t => Math.Exp(t - max));
        return Math.Min(0, max + Math.Log(sum));
    }
}
