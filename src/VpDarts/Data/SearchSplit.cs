using VpDarts.Runtime;

namespace VpDarts.Data;

/// <summary>
/// NB201's search protocol: the training set is split per class into two disjoint halves, one to train the
/// supernet weights and one to update the architecture. Deterministic from the seed and class-balanced.
/// </summary>
public static class SearchSplit
{
    /// <summary>Splits the training set into search-train and search-valid index sets.</summary>
    /// <param name="labels">int64 labels of the training set.</param>
    /// <param name="classCount">Number of classes; every label must be below it.</param>
    /// <param name="seed">Seed fixing the split.</param>
    /// <param name="trainLimit">Optional cap on the search-train size, kept class-balanced.</param>
    /// <param name="validLimit">Optional cap on the search-valid size, kept class-balanced.</param>
    /// <returns>Both index sets, each sorted ascending.</returns>
    public static (long[] SearchTrain, long[] SearchValid) Create(Tensor labels, int classCount, int seed,
        int? trainLimit = null, int? validLimit = null)
    {
        ArgumentNullException.ThrowIfNull(labels);
        using var scope = NewDisposeScope();
        var flat = labels.to_type(ScalarType.Int64).flatten().cpu();
        return Create(flat.data<long>().ToArray(), classCount, seed, trainLimit, validLimit);
    }

    /// <summary>As <see cref="Create(Tensor, int, int, int?, int?)"/>, on a managed label array.</summary>
    public static (long[] SearchTrain, long[] SearchValid) Create(long[] labels, int classCount, int seed,
        int? trainLimit = null, int? validLimit = null)
    {
        if (classCount < 1) throw new ArgumentOutOfRangeException(nameof(classCount));
        if (trainLimit is < 1) throw new UserInputException($"search-train limit {trainLimit} must be positive");
        if (validLimit is < 1) throw new UserInputException($"search-valid limit {validLimit} must be positive");

        var byClass = Enumerable.Range(0, classCount).Select(_ => new List<long>()).ToArray();
        for (var i = 0; i < labels.Length; i++)
        {
            if (labels[i] < 0 || labels[i] >= classCount)
                throw new ArgumentException($"label {labels[i]} at index {i} is out of range 0..{classCount - 1}");
            byClass[labels[i]].Add(i);
        }

        var trainHalves = new long[classCount][];
        var validHalves = new long[classCount][];
        for (var c = 0; c < classCount; c++)
        {
            var members = byClass[c].ToArray();
            Shuffle(members, new Random(Seeds.For(seed, SeedStream.SplitClassShuffle, c)));
            var half = (members.Length + 1) / 2;
            trainHalves[c] = members[..half];
            validHalves[c] = members[half..];
        }
        return (Take(trainHalves, trainLimit, new Random(Seeds.For(seed, SeedStream.SplitTrainTake))),
                Take(validHalves, validLimit, new Random(Seeds.For(seed, SeedStream.SplitValidTake))));
    }

    /// <summary>
    /// The authors' fixed split: search-train is the first half of the dataset's rows in its own order, search-valid
    /// the last half (CIFAR's training batches are in random class order, so both halves hold every class), whatever
    /// the seed; the limits keep class-balanced seeded subsets of each half.
    /// </summary>
    /// <exception cref="UserInputException">A half lacks a class (a folder dataset, ordered by class, cannot be split
    /// so).</exception>
    public static (long[] SearchTrain, long[] SearchValid) Fixed(Tensor labels, int classCount, string name, int seed,
        int? trainLimit = null, int? validLimit = null)
    {
        ArgumentNullException.ThrowIfNull(labels);
        long[] all;
        using (var scope = NewDisposeScope())
            all = labels.to_type(ScalarType.Int64).flatten().cpu().data<long>().ToArray();
        var half = (all.Length + 1) / 2;
        long[][] ByClass(int from, int to)
        {
            var byClass = Enumerable.Range(0, classCount).Select(_ => new List<long>()).ToArray();
            for (var i = from; i < to; i++) byClass[all[i]].Add(i);
            if (byClass.Any(c => c.Count == 0))
                throw new UserInputException("fixed_split (--faithful-to-code): the " +
                                             $"{(from == 0 ? "first" : "last")} half of '{name}' lacks a " +
                                             "class; its rows are ordered by class (a folder dataset), so the " +
                                             "authors' first/last-half split needs CIFAR's own order (--dataset " +
                                             "cifar10 or cifar100)");
            // Seeded order within each class, so that a limit keeps a seeded subset of the half (not its first rows).
            return byClass.Select((rows, c) =>
            {
                var members = rows.ToArray();
                Shuffle(members,
                    new Random(Seeds.For(seed, SeedStream.SplitClassShuffle, from == 0 ? c : classCount + c)));
                return members;
            }).ToArray();
        }
        return (Take(ByClass(0, half), trainLimit, new Random(Seeds.For(seed, SeedStream.SplitTrainTake))),
                Take(ByClass(half, all.Length), validLimit, new Random(Seeds.For(seed, SeedStream.SplitValidTake))));
    }

    /// <summary>
    /// All rows of a dataset, or a class-balanced seeded subset of <paramref name="limit"/> rows (for training a
    /// network from scratch on part of a training set). Sorted ascending.
    /// </summary>
    public static long[] BalancedSubset(long[] labels, int classCount, int seed, int? limit)
    {
        if (limit is null) return Enumerable.Range(0, labels.Length).Select(i => (long)i).ToArray();
        if (limit < 1) throw new UserInputException($"--train-limit {limit} must be positive");
        var byClass = Enumerable.Range(0, classCount).Select(_ => new List<long>()).ToArray();
        for (var i = 0; i < labels.Length; i++) byClass[labels[i]].Add(i);
        var members = byClass.Select((m, c) =>
        {
            var array = m.ToArray();
            Shuffle(array, new Random(Seeds.For(seed, SeedStream.SubsetClassShuffle, c)));
            return array;
        }).ToArray();
        return Take(members, limit, new Random(Seeds.For(seed, SeedStream.SubsetTake)));
    }

    /// <summary>
    /// Per-class quotas for a total: <c>limit / classes</c> each, the remainder going one by one to classes in a
    /// seeded order; a class short of its quota passes the rest on so the total is met when possible.
    /// </summary>
    internal static int[] Quotas(int[] available, int limit, Random rng)
    {
        var k = available.Length;
        var quotas = new int[k];
        var order = Enumerable.Range(0, k).ToArray();
        Shuffle(order, rng);
        var remaining = Math.Min(limit, available.Sum());
        while (remaining > 0)
        {
            var open = order.Where(c => quotas[c] < available[c]).ToArray();
            var each = remaining / open.Length;
            var extra = remaining % open.Length;
            foreach (var c in open)
            {
                var want = each + (extra-- > 0 ? 1 : 0);
                var give = Math.Min(want, available[c] - quotas[c]);
                quotas[c] += give;
                remaining -= give;
            }
        }
        return quotas;
    }

    private static long[] Take(long[][] halves, int? limit, Random rng)
    {
        if (limit is null) return halves.SelectMany(h => h).Order().ToArray();
        var quotas = Quotas(halves.Select(h => h.Length).ToArray(), limit.Value, rng);
        return halves.SelectMany((h, c) => h.Take(quotas[c])).Order().ToArray();
    }

    internal static void Shuffle<T>(T[] items, Random rng)
    {
        for (var i = items.Length - 1; i > 0; i--)
        {
            var j = rng.Next(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }
}
