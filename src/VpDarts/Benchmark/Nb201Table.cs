using VpDarts.SearchSpace;

namespace VpDarts.Benchmark;

/// <summary>
/// The NAS-Bench-201 lookup table: the 200-epoch test accuracy (%) of each cell on CIFAR-10, CIFAR-100 and
/// ImageNet16-120, with ranks, percentiles and summary statistics per data set. Immutable and thread-safe.
/// Values are stored in arrays indexed by <see cref="Genotype.Index"/>, so a lookup is an array access.
/// </summary>
public sealed class Nb201Table
{
    private readonly bool[] _present;
    private readonly double[][] _accuracy;   // [dataset][genotype index]; NaN where absent
    private readonly int[] _indices;         // genotype indices present, ascending
    private readonly double[][] _sorted;     // [dataset] accuracies ascending
    private readonly int[] _best;            // [dataset] genotype index of the best cell
    private readonly double[] _mean;
    private readonly double[] _std;

    private Nb201Table(string source, bool[] present, double[][] accuracy)
    {
        Source = source;
        _present = present;
        _accuracy = accuracy;
        _indices = Enumerable.Range(0, Genotype.SpaceSize).Where(i => present[i]).ToArray();
        if (_indices.Length == 0) throw new ArgumentException("a table needs at least one cell");

        _sorted = new double[Nb201Datasets.Count][];
        _best = new int[Nb201Datasets.Count];
        _mean = new double[Nb201Datasets.Count];
        _std = new double[Nb201Datasets.Count];
        foreach (var dataset in Nb201Datasets.All)
        {
            var d = (int)dataset;
            var values = _indices.Select(i => accuracy[d][i]).ToArray();
            Array.Sort(values);
            _sorted[d] = values;

            var best = _indices[0];
            foreach (var i in _indices)
                if (accuracy[d][i] > accuracy[d][best]) best = i;
            _best[d] = best;

            var mean = values.Sum() / values.Length;
            var sumSquares = 0.0;
            foreach (var v in values) sumSquares += (v - mean) * (v - mean);
            _mean[d] = mean;
            _std[d] = Math.Sqrt(sumSquares / values.Length);
        }
    }

    /// <summary>
    /// Loads a CSV file with the columns <c>arch</c>, <c>cifar10_test</c>, <c>cifar100_test</c> and
    /// <c>imagenet16_120_test</c> (any order; other columns are ignored; accuracies in %).
    /// </summary>
    /// <exception cref="Nb201TableException">
    /// The file is missing or unreadable, lacks a required column, has a value that is not a number in 0..100,
    /// an invalid or duplicated arch string, or no rows; the message names the file and the line.
    /// </exception>
    public static Nb201Table Load(string path)
    {
        var (present, accuracy) = Nb201TableReader.Read(path);
        return new Nb201Table(path, present, accuracy);
    }

    /// <summary>Builds a table from entries in memory (for synthetic benchmarks and tests).</summary>
    /// <exception cref="ArgumentException">No entries, a cell given twice, or an accuracy that is not in
    /// 0..100.</exception>
    public static Nb201Table FromEntries(IEnumerable<Nb201Entry> entries, string source = "(in memory)")
    {
        ArgumentNullException.ThrowIfNull(entries);
        var present = new bool[Genotype.SpaceSize];
        var accuracy =
            Nb201Datasets.All.Select(_ => Enumerable.Repeat(double.NaN, Genotype.SpaceSize).ToArray()).ToArray();
        foreach (var (genotype, scores) in entries)
        {
            var index = genotype.Index;
            if (present[index]) throw new ArgumentException($"cell {genotype} is given twice", nameof(entries));
            foreach (var dataset in Nb201Datasets.All)
            {
                var value = scores[dataset];
                if (!(value is >= 0 and <= 100))
                    throw new ArgumentException(
                        $"cell {genotype}: {dataset.Key()} {value} is not in 0..100", nameof(entries));
                accuracy[(int)dataset][index] = value;
            }
            present[index] = true;
        }
        if (!present.Contains(true)) throw new ArgumentException("a table needs at least one cell", nameof(entries));
        return new Nb201Table(source, present, accuracy);
    }

    /// <summary>Where the table came from (the file path given to <see cref="Load"/>).</summary>
    public string Source { get; }

    /// <summary>Number of cells in the table (15,625 for the full space).</summary>
    public int Count => _indices.Length;

    /// <summary>All rows, in ascending <see cref="Genotype.Index"/> order (not file order).</summary>
    public IEnumerable<Nb201Entry> Entries => _indices.Select(EntryAt);

    /// <summary>Whether the table has a row for <paramref name="genotype"/>.</summary>
    public bool Contains(Genotype genotype)
    {
        ArgumentNullException.ThrowIfNull(genotype);
        return _present[genotype.Index];
    }

    /// <summary>The scores of <paramref name="genotype"/>; false when the table has no row for it.</summary>
    public bool TryGet(Genotype genotype, out Nb201Scores scores)
    {
        ArgumentNullException.ThrowIfNull(genotype);
        var index = genotype.Index;
        scores = _present[index] ? ScoresAt(index) : default;
        return _present[index];
    }

    /// <summary>The scores of <paramref name="genotype"/>.</summary>
    /// <exception cref="UserInputException">The table has no row for the cell.</exception>
    public Nb201Scores Get(Genotype genotype) =>
        TryGet(genotype, out var scores)
            ? scores
            : throw new UserInputException($"{Source}: no row for arch '{genotype}'");

    /// <summary>
    /// The mid-rank percentile of the cell's accuracy on <paramref name="dataset"/>, in 0..100: the percentage of
    /// table cells with a strictly lower accuracy plus half of the cells with the same accuracy (the cell itself
    /// included), i.e. <c>100 · (below + ties / 2) / Count</c>. The unique best of N cells gets
    /// <c>100 · (N − ½) / N</c>.
    /// </summary>
    /// <exception cref="UserInputException">The table has no row for the cell.</exception>
    public double Percentile(Genotype genotype, Nb201Dataset dataset)
    {
        var (below, ties) = Position(Get(genotype)[dataset], dataset);
        return 100.0 * (below + ties / 2.0) / Count;
    }

    /// <summary>
    /// The cell's rank on <paramref name="dataset"/>, 1 = best: one plus the number of cells with a strictly higher
    /// accuracy, so tied cells share the best of their ranks ("1224" competition ranking).
    /// </summary>
    /// <exception cref="UserInputException">The table has no row for the cell.</exception>
    public int Rank(Genotype genotype, Nb201Dataset dataset)
    {
        var (below, ties) = Position(Get(genotype)[dataset], dataset);
        return Count - below - ties + 1;
    }

    /// <summary>The cell with the highest accuracy on <paramref name="dataset"/> (the lowest index among
    /// ties).</summary>
    public Nb201Entry Best(Nb201Dataset dataset) => EntryAt(_best[DatasetIndex(dataset)]);

    /// <summary>The mean accuracy over all cells of the table on <paramref name="dataset"/>.</summary>
    public double Mean(Nb201Dataset dataset) => _mean[DatasetIndex(dataset)];

    /// <summary>
    /// The population standard deviation (divided by <see cref="Count"/>, not Count − 1) of the accuracy over all
    /// cells of the table on <paramref name="dataset"/>.
    /// </summary>
    public double Std(Nb201Dataset dataset) => _std[DatasetIndex(dataset)];

    /// <summary>
    /// <paramref name="count"/> distinct rows drawn uniformly at random without replacement, in draw order;
    /// the same <paramref name="rng"/> state gives the same rows.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is negative or above
    /// <see cref="Count"/>.</exception>
    public IReadOnlyList<Nb201Entry> SampleRandom(int count, Random rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, Count);
        var pool = (int[])_indices.Clone();
        var sample = new Nb201Entry[count];
        for (var i = 0; i < count; i++)
        {
            var j = rng.Next(i, pool.Length);
            (pool[i], pool[j]) = (pool[j], pool[i]);
            sample[i] = EntryAt(pool[i]);
        }
        return sample;
    }

    private (int Below, int Ties) Position(double accuracy, Nb201Dataset dataset)
    {
        var sorted = _sorted[DatasetIndex(dataset)];
        var below = CountBelow(sorted, accuracy, orEqual: false);
        return (below, CountBelow(sorted, accuracy, orEqual: true) - below);
    }

    /// <summary>How many values of the ascending array are below <paramref name="value"/> (or equal to it).</summary>
    private static int CountBelow(double[] sorted, double value, bool orEqual)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (sorted[mid] < value || (orEqual && sorted[mid] == value)) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    private Nb201Entry EntryAt(int index) => new(Genotype.FromIndex(index), ScoresAt(index));

    private Nb201Scores ScoresAt(int index) =>
        new(_accuracy[0][index], _accuracy[1][index], _accuracy[2][index]);

    private static int DatasetIndex(Nb201Dataset dataset) =>
        (uint)dataset < Nb201Datasets.Count
            ? (int)dataset : throw new ArgumentOutOfRangeException(nameof(dataset), dataset, "not an NB201 data set");
}
