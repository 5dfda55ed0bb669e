using static TorchSharp.torch;

namespace VpDarts.Tests.Data;

/// <summary>
/// The authors' split: search-train the first half of the rows in the dataset's own order, search-valid the last
/// half, whatever the seed; limits take class-balanced seeded subsets of each half.
/// </summary>
public sealed class FixedSearchSplitTests
{
    /// <summary><paramref name="count"/> labels of <paramref name="classes"/> classes in mixed order (as CIFAR's files hold them).</summary>
    private static long[] Mixed(int count, int classes) => Enumerable.Range(0, count).Select(i => (long)(i * 7 % classes)).ToArray();

    private static (long[] Train, long[] Valid) Split(long[] labels, int classes, int seed, int? trainLimit = null, int? validLimit = null)
    {
        using var tensorLabels = tensor(labels);
        return SearchSplit.Fixed(tensorLabels, classes, "cifar10", seed, trainLimit, validLimit);
    }

    private static long[] Rows(int from, int to) => Enumerable.Range(from, to - from).Select(i => (long)i).ToArray();

    private static int[] PerClass(long[] labels, long[] rows, int classes)
    {
        var counts = new int[classes];
        foreach (var row in rows) counts[labels[row]]++;
        return counts;
    }

    [Theory]
    [InlineData(40)]
    [InlineData(41)]
    public void The_halves_are_the_first_and_the_last_rows_for_every_seed(int count)
    {
        var labels = Mixed(count, 4);
        var half = (count + 1) / 2;
        foreach (var seed in new[] { 0, 1, 7 })
        {
            var (train, valid) = Split(labels, 4, seed);
            Assert.Equal(Rows(0, half), train);
            Assert.Equal(Rows(half, count), valid);
        }
        Assert.NotEqual(Rows(0, half), SearchSplit.Create(labels, 4, seed: 0).SearchTrain);  // unlike the per-class split
    }

    [Fact]
    public void Limits_take_class_balanced_subsets_of_each_half()
    {
        var labels = Mixed(200, 4);
        var (wholeTrain, wholeValid) = Split(labels, 4, seed: 3);
        var subsets = new HashSet<string>();
        foreach (var seed in new[] { 3, 4, 5 })
        {
            var (train, valid) = Split(labels, 4, seed, trainLimit: 20, validLimit: 10);
            Assert.Equal(20, train.Length);
            Assert.Subset(wholeTrain.ToHashSet(), train.ToHashSet());
            Assert.All(PerClass(labels, train, 4), c => Assert.Equal(5, c));
            Assert.Equal(10, valid.Length);
            Assert.Subset(wholeValid.ToHashSet(), valid.ToHashSet());
            Assert.Equal([2, 2, 3, 3], PerClass(labels, valid, 4).Order());
            Assert.Equal(train.Order(), train);
            subsets.Add(string.Join(",", train));
        }
        Assert.True(subsets.Count > 1, "the seed picks the subset within a half");
    }

    [Theory]
    [InlineData("first")]
    [InlineData("last")]
    public void A_half_without_some_class_is_a_one_line_error_naming_the_dataset(string half)
    {
        // Rows ordered by class, as a folder dataset holds them: the first half has classes 0 and 1 only. The other
        // case: every class in the first half, class 3 missing from the last.
        long[] labels = half == "first"
            ? [.. Enumerable.Range(0, 40).Select(i => (long)(i / 10))]
            : [.. Mixed(20, 4), .. Enumerable.Range(0, 20).Select(i => (long)(i % 3))];
        using var tensorLabels = tensor(labels);
        var error = Assert.Throws<UserInputException>(() => SearchSplit.Fixed(tensorLabels, 4, "folder:/data/pets", seed: 0));
        Assert.DoesNotContain('\n', error.Message);
        Assert.Contains("'folder:/data/pets'", error.Message);
        Assert.Contains($"the {half} half", error.Message);
        Assert.Contains("--faithful-to-code", error.Message);
    }

    [Fact]
    public void The_search_data_splits_so_when_asked()
    {
        var labels = Mixed(40, 4);
        using var data = new DatasetSearchData(AugmentedAblationTests.Images(labels, 4), seed: 2, trainLimit: null, validLimit: null, fixedSplit: true);
        Assert.Equal(Rows(0, 20), data.TrainIndices);
        Assert.Equal(Rows(20, 40), data.ValidIndices);
        using var perClass = new DatasetSearchData(AugmentedAblationTests.Images(labels, 4), seed: 2, trainLimit: null, validLimit: null);
        Assert.NotEqual(Rows(0, 20), perClass.TrainIndices);
    }
}
