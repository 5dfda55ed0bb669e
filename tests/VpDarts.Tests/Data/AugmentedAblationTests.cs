using static TorchSharp.torch;

namespace VpDarts.Tests.Data;

/// <summary>
/// Ablation batches cropped and flipped as the authors' code measures importance: other images than the plain ones,
/// of the same rows in the same order, and the same again for the same (epoch, draw).
/// </summary>
public sealed class AugmentedAblationTests
{
    /// <summary>A dataset of 16×16 RGB noise images with the given labels.</summary>
    internal static ImageDataset Images(long[] labels, int classes)
    {
        const int size = 16;
        var pixels = new byte[labels.Length * 3 * size * size];
        new Random(11).NextBytes(pixels);
        return ImageDataset.FromBytes("synthetic", pixels, labels.Length, 3, size, labels,
            Enumerable.Range(0, classes).Select(c => $"c{c}").ToArray(), [0.5f, 0.5f, 0.5f], [0.25f, 0.25f, 0.25f]);
    }

    private static DatasetSearchData Data() => new(Images(Enumerable.Range(0, 80).Select(i => (long)(i % 4)).ToArray(), 4), seed: 5, trainLimit: null, validLimit: null);

    private static bool Same(IReadOnlyList<Batch> a, IReadOnlyList<Batch> b) =>
        a.Count == b.Count && a.Zip(b).All(p => Equal(p.First.Images, p.Second.Images) && Equal(p.First.Labels, p.Second.Labels));

    private static bool Equal(Tensor x, Tensor y) => x.shape.SequenceEqual(y.shape) && x.eq(y).all().item<bool>();

    private static long[] Labels(IReadOnlyList<Batch> batches) => batches.SelectMany(b => b.Labels.data<long>().ToArray()).ToArray();

    [Fact]
    public void Augmented_subsets_differ_from_plain_ones_and_repeat_for_the_same_epoch_and_draw()
    {
        using var data = Data();
        using var scope = NewDisposeScope();
        var plain = data.ValidSubset(1, 2, 0.5, 8);
        var augmented = data.ValidSubset(1, 2, 0.5, 8, augment: true);
        Assert.Equal(Labels(plain), Labels(augmented));  // the same rows in the same order
        Assert.Equal(plain.Select(b => b.Images.shape), augmented.Select(b => b.Images.shape));
        Assert.False(Same(plain, augmented));
        Assert.True(Same(augmented, data.ValidSubset(1, 2, 0.5, 8, augment: true)));
        Assert.True(Same(plain, data.ValidSubset(1, 2, 0.5, 8)));

        // Another draw: other crops and flips (compared on the plain images' rows, which differ too).
        var otherDraw = data.ValidSubset(1, 3, 0.5, 8, augment: true);
        Assert.False(Same(augmented, otherDraw));
    }

    [Fact]
    public void The_whole_split_is_augmented_the_same_way_every_time_when_asked()
    {
        using var data = Data();
        using var scope = NewDisposeScope();
        var plain = data.FullValid(16);
        var augmented = data.FullValid(16, augment: true);
        Assert.Equal(40, Labels(augmented).Length);
        Assert.Equal(Labels(plain), Labels(augmented));
        Assert.False(Same(plain, augmented));
        Assert.True(Same(augmented, data.FullValid(16, augment: true)));
    }
}
