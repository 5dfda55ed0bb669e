namespace VpDarts.Tests.Benchmark;

/// <summary>Tie handling and lookups on small hand-made tables whose answers can be worked out by hand.</summary>
public class Nb201TableSyntheticTests
{
    private static Nb201Entry Cell(int index, double cifar10) => new(Genotype.FromIndex(index), new(cifar10, 50, 25));

    // CIFAR-10 accuracies 90, 80, 80, 70: one best, a tie for second, one worst.
    private static readonly Nb201Table Table =
        Nb201Table.FromEntries([Cell(10, 80), Cell(3, 90), Cell(7, 70), Cell(20, 80)]);

    [Fact]
    public void Percentile_counts_cells_below_plus_half_the_ties()
    {
        Assert.Equal(100.0 * 3.5 / 4, Table.Percentile(Genotype.FromIndex(3), Nb201Dataset.Cifar10));
        Assert.Equal(100.0 * (1 + 1.0) / 4, Table.Percentile(Genotype.FromIndex(10), Nb201Dataset.Cifar10));
        Assert.Equal(100.0 * (1 + 1.0) / 4, Table.Percentile(Genotype.FromIndex(20), Nb201Dataset.Cifar10));
        Assert.Equal(100.0 * 0.5 / 4, Table.Percentile(Genotype.FromIndex(7), Nb201Dataset.Cifar10));
        // Every cell ties on CIFAR-100: all sit at the median.
        Assert.Equal(50.0, Table.Percentile(Genotype.FromIndex(7), Nb201Dataset.Cifar100));
    }

    [Fact]
    public void Rank_is_competition_ranking()
    {
        Assert.Equal(1, Table.Rank(Genotype.FromIndex(3), Nb201Dataset.Cifar10));
        Assert.Equal(2, Table.Rank(Genotype.FromIndex(10), Nb201Dataset.Cifar10));
        Assert.Equal(2, Table.Rank(Genotype.FromIndex(20), Nb201Dataset.Cifar10));
        Assert.Equal(4, Table.Rank(Genotype.FromIndex(7), Nb201Dataset.Cifar10));
        Assert.Equal(1, Table.Rank(Genotype.FromIndex(7), Nb201Dataset.ImageNet16_120));
    }

    [Fact]
    public void Best_mean_and_std_of_a_small_table()
    {
        Assert.Equal(3, Table.Best(Nb201Dataset.Cifar10).Genotype.Index);
        Assert.Equal(3, Table.Best(Nb201Dataset.Cifar100).Genotype.Index); // ties: lowest index
        Assert.Equal(80, Table.Mean(Nb201Dataset.Cifar10), 12);
        Assert.Equal(Math.Sqrt(50), Table.Std(Nb201Dataset.Cifar10), 12); // population: (100+0+0+100)/4
        Assert.Equal(0, Table.Std(Nb201Dataset.Cifar100));
        Assert.Equal(4, Table.Count);
        Assert.Equal([3, 7, 10, 20], Table.Entries.Select(e => e.Genotype.Index));
    }

    [Fact]
    public void Cells_missing_from_the_table_are_reported()
    {
        var missing = Genotype.FromIndex(11);
        Assert.False(Table.Contains(missing));
        Assert.False(Table.TryGet(missing, out _));
        var e = Assert.Throws<UserInputException>(() => Table.Get(missing));
        Assert.Contains(missing.ToString(), e.Message);
        Assert.Throws<UserInputException>(() => Table.Rank(missing, Nb201Dataset.Cifar10));
        Assert.Throws<UserInputException>(() => Table.Percentile(missing, Nb201Dataset.Cifar10));
    }

    [Fact]
    public void FromEntries_rejects_duplicates_bad_values_and_nothing()
    {
        Assert.Throws<ArgumentException>(() => Nb201Table.FromEntries([Cell(1, 50), Cell(1, 60)]));
        Assert.Throws<ArgumentException>(() => Nb201Table.FromEntries([Cell(1, 100.5)]));
        Assert.Throws<ArgumentException>(() => Nb201Table.FromEntries([Cell(1, double.NaN)]));
        Assert.Throws<ArgumentException>(() => Nb201Table.FromEntries([]));
    }

    [Fact]
    public void Dataset_names_and_keys()
    {
        Assert.Equal(["CIFAR-10", "CIFAR-100", "ImageNet16-120"], Nb201Datasets.All.Select(d => d.DisplayName()));
        Assert.Equal(["cifar10_test", "cifar100_test", "imagenet16_120_test"], Nb201Datasets.All.Select(d => d.Key()));
        foreach (var text in new[] { "cifar10", "CIFAR-10", "cifar10_test" })
        {
            Assert.True(Nb201Datasets.TryParse(text, out var d), text);
            Assert.Equal(Nb201Dataset.Cifar10, d);
        }
        Assert.True(Nb201Datasets.TryParse("imagenet16-120", out var imagenet));
        Assert.Equal(Nb201Dataset.ImageNet16_120, imagenet);
        Assert.False(Nb201Datasets.TryParse("cifar1000", out _));
        Assert.False(Nb201Datasets.TryParse("", out _));
        Assert.Throws<ArgumentOutOfRangeException>(() => ((Nb201Dataset)3).Key());
    }
}
