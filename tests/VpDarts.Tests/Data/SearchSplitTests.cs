using static TorchSharp.torch;

namespace VpDarts.Tests.Data;

public class SearchSplitTests
{
    /// <summary>Labels of 10 classes with 50 images each, interleaved, plus a class 10 of 7 (odd count).</summary>
    private static long[] Labels() => Enumerable.Range(0, 500).Select(i => (long)(i % 10)).Concat(Enumerable.Repeat(10L, 7)).ToArray();

    private static int[] PerClass(long[] labels, long[] indices, int classes)
    {
        var counts = new int[classes];
        foreach (var i in indices) counts[labels[i]]++;
        return counts;
    }

    [Fact]
    public void Halves_are_disjoint_cover_the_set_and_are_class_balanced()
    {
        var labels = Labels();
        var (train, valid) = SearchSplit.Create(labels, 11, seed: 1);
        Assert.Empty(train.Intersect(valid));
        Assert.Equal(Enumerable.Range(0, labels.Length).Select(i => (long)i), train.Concat(valid).Order());
        Assert.Equal(Enumerable.Repeat(25, 10).Append(4), PerClass(labels, train, 11));
        Assert.Equal(Enumerable.Repeat(25, 10).Append(3), PerClass(labels, valid, 11));
        Assert.Equal(train.Order(), train);
        Assert.Equal(train.Distinct().Count(), train.Length);
    }

    [Fact]
    public void Same_seed_gives_the_same_split_and_other_seeds_differ()
    {
        var labels = Labels();
        var a = SearchSplit.Create(labels, 11, seed: 7);
        var b = SearchSplit.Create(labels, 11, seed: 7);
        var c = SearchSplit.Create(labels, 11, seed: 8);
        Assert.Equal(a.SearchTrain, b.SearchTrain);
        Assert.Equal(a.SearchValid, b.SearchValid);
        Assert.NotEqual(a.SearchTrain, c.SearchTrain);
        Assert.NotEqual(a.SearchValid, c.SearchValid);
        using var labelTensor = tensor(labels);
        Assert.Equal(a.SearchTrain, SearchSplit.Create(labelTensor, 11, seed: 7).SearchTrain);
    }

    [Fact]
    public void Limits_keep_classes_balanced_and_spread_the_remainder()
    {
        var labels = Enumerable.Range(0, 5000).Select(i => (long)(i % 10)).ToArray();
        var (train, valid) = SearchSplit.Create(labels, 10, seed: 3, trainLimit: 1000, validLimit: 1005);
        Assert.Equal(1000, train.Length);
        Assert.All(PerClass(labels, train, 10), c => Assert.Equal(100, c));
        Assert.Equal(1005, valid.Length);
        Assert.Equal(5, PerClass(labels, valid, 10).Count(c => c == 101));
        Assert.Equal(5, PerClass(labels, valid, 10).Count(c => c == 100));
        Assert.Empty(train.Intersect(valid));

        // the capped sets are subsets of the uncapped halves, and the remainder classes depend on the seed
        var (fullTrain, fullValid) = SearchSplit.Create(labels, 10, seed: 3);
        Assert.Subset(fullTrain.ToHashSet(), train.ToHashSet());
        Assert.Subset(fullValid.ToHashSet(), valid.ToHashSet());
        var remainderClasses = Enumerable.Range(1, 8)
            .Select(seed => string.Join(",", PerClass(labels, SearchSplit.Create(labels, 10, seed, validLimit: 1005).SearchValid, 10)))
            .Distinct().Count();
        Assert.True(remainderClasses > 1);
    }

    [Fact]
    public void Limits_larger_than_a_half_or_than_a_small_class_still_fill_the_total()
    {
        long[] labels = [.. Enumerable.Repeat(0L, 100), .. Enumerable.Repeat(1L, 10)];
        var (train, _) = SearchSplit.Create(labels, 2, seed: 0, trainLimit: 40);
        Assert.Equal(40, train.Length);
        Assert.Equal([35, 5], PerClass(labels, train, 2)); // class 1 has only 5 in its half; class 0 takes the rest
        var (all, _) = SearchSplit.Create(labels, 2, seed: 0, trainLimit: 10_000);
        Assert.Equal(55, all.Length);
        Assert.Throws<UserInputException>(() => SearchSplit.Create(labels, 2, seed: 0, trainLimit: 0));
        Assert.Throws<ArgumentException>(() => SearchSplit.Create(labels, 1, seed: 0));
    }
}
