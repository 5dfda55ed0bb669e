using System.Diagnostics;
using Xunit.Abstractions;

namespace VpDarts.Tests.Benchmark;

/// <summary>Queries against the real shared table.</summary>
public class Nb201TableTests(ITestOutputHelper output)
{
    private static Nb201Table Table => RealTable.Value;

    [Fact]
    public void Loads_all_15625_cells_of_the_space()
    {
        var watch = Stopwatch.StartNew();
        var table = Nb201Table.Load(Shared.Nb201Table);
        output.WriteLine($"loaded {table.Count} rows in {watch.Elapsed.TotalMilliseconds:F0} ms");

        Assert.Equal(Genotype.SpaceSize, table.Count);
        Assert.Equal(Shared.Nb201Table, table.Source);
        Assert.All(Genotype.Enumerate(), g => Assert.True(table.Contains(g), g.ToString()));
        Assert.Equal(Enumerable.Range(0, Genotype.SpaceSize), table.Entries.Select(e => e.Genotype.Index));
    }

    [Fact]
    public void All_skip_cell_has_the_published_accuracies()
    {
        var scores = Table.Get(Genotype.Uniform(Operation.SkipConnect));
        Assert.Equal(54.30, Math.Round(scores.Cifar10, 2));
        Assert.Equal(15.61, Math.Round(scores.Cifar100, 2));
        Assert.Equal(16.32, Math.Round(scores.ImageNet16_120, 2));
        Assert.Equal(scores.Cifar100, scores[Nb201Dataset.Cifar100]);
        Assert.Equal(scores.ImageNet16_120, scores[Nb201Dataset.ImageNet16_120]);
    }

    [Fact]
    public void Every_stored_accuracy_is_a_percentage()
    {
        foreach (var (_, scores) in Table.Entries)
            foreach (var dataset in Nb201Datasets.All)
                Assert.InRange(scores[dataset], 0, 100);
    }

    [Theory]
    [InlineData(Nb201Dataset.Cifar10)]
    [InlineData(Nb201Dataset.Cifar100)]
    [InlineData(Nb201Dataset.ImageNet16_120)]
    public void Best_cell_is_the_maximum_with_rank_1_and_top_percentile(Nb201Dataset dataset)
    {
        var best = Table.Best(dataset);
        var maximum = Table.Entries.Max(e => e.Scores[dataset]);
        Assert.Equal(maximum, best.Scores[dataset]);
        Assert.Equal(Table.Get(best.Genotype), best.Scores);
        Assert.Equal(1, Table.Rank(best.Genotype, dataset));
        Assert.True(Table.Percentile(best.Genotype, dataset) >= 99.99, $"percentile {Table.Percentile(best.Genotype, dataset)}");
        Assert.True(Table.Percentile(best.Genotype, dataset) < 100);
    }

    [Theory]
    [InlineData(Nb201Dataset.Cifar10)]
    [InlineData(Nb201Dataset.Cifar100)]
    [InlineData(Nb201Dataset.ImageNet16_120)]
    public void Mean_and_population_std_match_a_naive_recomputation(Nb201Dataset dataset)
    {
        var values = Table.Entries.Select(e => e.Scores[dataset]).ToList();
        double sum = 0;
        foreach (var v in values) sum += v;
        var mean = sum / values.Count;
        double squares = 0;
        foreach (var v in values) squares += (v - mean) * (v - mean);
        var std = Math.Sqrt(squares / values.Count);

        Assert.Equal(mean, Table.Mean(dataset), 9);
        Assert.Equal(std, Table.Std(dataset), 9);
        Assert.True(std > 1, "accuracies are spread");
    }

    [Fact]
    public void Rank_and_percentile_match_a_naive_count_on_random_cells()
    {
        var rng = new Random(7);
        var all = Table.Entries.ToArray();
        for (var trial = 0; trial < 100; trial++)
        {
            var (genotype, scores) = all[rng.Next(all.Length)];
            var dataset = Nb201Datasets.All[rng.Next(Nb201Datasets.Count)];
            var value = scores[dataset];
            var higher = all.Count(e => e.Scores[dataset] > value);
            var lower = all.Count(e => e.Scores[dataset] < value);
            var ties = all.Length - higher - lower;

            Assert.Equal(higher + 1, Table.Rank(genotype, dataset));
            Assert.Equal(100.0 * (lower + ties / 2.0) / all.Length, Table.Percentile(genotype, dataset), 9);
        }
    }

    [Fact]
    public void All_skip_cell_ranks_low_on_cifar10()
    {
        var cell = Genotype.Uniform(Operation.SkipConnect);
        var percentile = Table.Percentile(cell, Nb201Dataset.Cifar10);
        Assert.InRange(percentile, 0, 50);
        Assert.True(Table.Rank(cell, Nb201Dataset.Cifar10) > Table.Count / 2);
    }

    [Fact]
    public void Random_samples_are_distinct_table_rows_and_reproducible()
    {
        var first = Table.SampleRandom(100, new Random(42));
        var again = Table.SampleRandom(100, new Random(42));
        var other = Table.SampleRandom(100, new Random(43));

        Assert.Equal(100, first.Count);
        Assert.Equal(100, first.Select(e => e.Genotype.Index).Distinct().Count());
        Assert.All(first, e => Assert.Equal(Table.Get(e.Genotype), e.Scores));
        Assert.Equal(first, again);
        Assert.NotEqual(first.Select(e => e.Genotype.Index), other.Select(e => e.Genotype.Index));
        Assert.Empty(Table.SampleRandom(0, new Random(1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => Table.SampleRandom(Table.Count + 1, new Random(1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => Table.SampleRandom(-1, new Random(1)));
    }
}
