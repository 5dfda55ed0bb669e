using Xunit.Abstractions;
using static TorchSharp.torch;

namespace VpDarts.Tests.Data;

public class BatchLoaderTests(ITestOutputHelper output)
{
    /// <summary>A synthetic dataset: image i is filled with the value i % 256, label i % classes.</summary>
    private static ImageDataset Synthetic(int count, int channels = 3, int size = 32, int classes = 10)
    {
        var pixels = new byte[count * channels * size * size];
        for (var i = 0; i < count; i++) pixels.AsSpan(i * channels * size * size, channels * size * size).Fill((byte)(i % 256));
        var labels = Enumerable.Range(0, count).Select(i => (long)(i % classes)).ToArray();
        var names = Enumerable.Range(0, classes).Select(i => $"c{i}").ToArray();
        return ImageDataset.FromBytes("synthetic", pixels, count, channels, size, labels, names,
            Enumerable.Repeat(0.5f, channels).ToArray(), Enumerable.Repeat(0.25f, channels).ToArray());
    }

    private static long[] Range(int n) => Enumerable.Range(0, n).Select(i => (long)i).ToArray();

    /// <summary>Recovers each image's fill value from a normalised, unaugmented batch.</summary>
    private static long[] Values(Tensor x) =>
        x[.., 0, 0, 0].mul(0.25f).add(0.5f).mul(255f).round().to_type(ScalarType.Int64).data<long>().ToArray();

    [Fact]
    public void Evaluation_batches_keep_order_shapes_and_the_last_partial_batch()
    {
        using var ds = Synthetic(10);
        var loader = BatchLoader.ForEvaluation(ds, 4);
        Assert.Equal(3, loader.BatchesPerEpoch);
        var batches = loader.NextEpoch().ToList();
        Assert.Equal([4L, 4, 2], batches.Select(b => b.X.shape[0]));
        Assert.All(batches, b => Assert.Equal(ScalarType.Float32, b.X.dtype));
        Assert.All(batches, b => Assert.Equal(ScalarType.Int64, b.Y.dtype));
        Assert.Equal([4L, 3, 32, 32], batches[0].X.shape);
        Assert.Equal(Range(10), batches.SelectMany(b => Values(b.X)));
        Assert.Equal(Range(10).Select(i => i % 10), batches.SelectMany(b => b.Y.data<long>().ToArray()));
        using (var uniform = batches[2].X[1])
            Assert.Equal(uniform.max().item<float>(), uniform.min().item<float>()); // no augmentation
        foreach (var (x, y) in batches) { x.Dispose(); y.Dispose(); }

        var dropping = new BatchLoader(ds, Range(10), 4, augment: false, shuffle: false, seed: 0, dropLast: true);
        Assert.Equal(2, dropping.BatchesPerEpoch);
    }

    [Fact]
    public void Shuffled_epochs_are_reproducible_from_seed_and_epoch_and_cover_every_index_once()
    {
        using var ds = Synthetic(50);
        long[] Epoch(BatchLoader l, int e) => l.EnumerateEpoch(e).SelectMany(b => { using var x = b.X; using var y = b.Y; return Values(x); }).ToArray();
        var indices = Range(50).Where(i => i % 5 != 0).ToArray();
        var a = new BatchLoader(ds, indices, 8, augment: false, shuffle: true, seed: 11);
        var b = new BatchLoader(ds, indices, 8, augment: false, shuffle: true, seed: 11);
        var e0 = Epoch(a, 0);
        Assert.Equal(indices, e0.Order());
        Assert.NotEqual(indices, e0);
        Assert.Equal(e0, Epoch(b, 0));
        Assert.NotEqual(e0, Epoch(a, 1));
        Assert.NotEqual(e0, Epoch(new BatchLoader(ds, indices, 8, false, true, seed: 12), 0));
        Assert.Equal(a.EpochOrder(3), Epoch(b, 3));

        // resuming: a loader whose Epoch is set to 2 yields what the first loader yields in its third epoch
        var first = new BatchLoader(ds, indices, 8, false, true, seed: 5);
        foreach (var (x, y) in first.NextEpoch()) { x.Dispose(); y.Dispose(); } // epoch 0
        foreach (var (x, y) in first.NextEpoch()) { x.Dispose(); y.Dispose(); } // epoch 1
        Assert.Equal(2, first.Epoch);
        var resumed = new BatchLoader(ds, indices, 8, false, true, seed: 5) { Epoch = 2 };
        Assert.Equal(Epoch(first, 2), resumed.NextEpoch().SelectMany(p => Values(p.X)).ToArray());
        Assert.Equal(3, resumed.Epoch);
        // and a single batch can be rebuilt directly
        var (bx, by) = resumed.GetBatch(2, 3);
        Assert.Equal(first.EpochOrder(2)[24..32], Values(bx));
        bx.Dispose(); by.Dispose();
    }

    [Fact]
    public void Augmented_batches_are_deterministic_and_crop_into_the_padding()
    {
        using var ds = Synthetic(64, channels: 3, size: 16);
        var loader = new BatchLoader(ds, Range(64), 64, augment: true, shuffle: false, seed: 2);
        Assert.Equal(2, loader.Padding);
        var (x1, y1) = loader.GetBatch(0, 0);
        var (x2, y2) = loader.GetBatch(0, 0);
        var (x3, y3) = loader.GetBatch(1, 0);
        Assert.True(x1.eq(x2).all().item<bool>());
        Assert.False(x1.eq(x3).all().item<bool>());
        Assert.Equal([64L, 3, 16, 16], x1.shape);
        // padding pixels are raw 0, i.e. −mean/std = −2 after normalisation; some crops must show them
        var padValue = -0.5f / 0.25f;
        using var isPad = x1.sub(padValue).abs().lt(1e-5f);
        Assert.True(isPad.any().item<bool>());
        Assert.False(isPad.all().item<bool>());
        foreach (var t in new[] { x1, y1, x2, y2, x3, y3 }) t.Dispose();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Fused_batches_equal_tensor_crop_flip_and_normalise(bool gatherFirst)
    {
        using var images = randint(0, 256, [30, 3, 32, 32], ScalarType.Byte);
        using var ds = new ImageDataset("random", images.clone(), arange(30, ScalarType.Int64).remainder(10), Enumerable.Range(0, 10).Select(i => $"c{i}").ToArray(),
            [0.49f, 0.48f, 0.45f], [0.25f, 0.24f, 0.26f]);
        var indices = new long[] { 29, 3, 3, 17, 0, 8, 21, 5, 11, 14, 2, 26 };
        var loader = new BatchLoader(ds, indices, 5, augment: true, shuffle: true, seed: 9) { DirectSpanLimit = gatherFirst ? 0 : int.MaxValue };
        for (var batch = 0; batch < loader.BatchesPerEpoch; batch++)
        {
            var (x, y) = loader.GetBatch(4, batch);
            var rows = loader.EpochOrder(4).Skip(batch * 5).Take(5).ToArray();
            var (oy, ox, flip) = Augment.Draw(new Random(Seeds.Mix(9, 4, batch)), rows.Length, 4);
            using var selected = ds.Images.index_select(0, tensor(rows));
            using var cropped = Augment.CropAndFlip(selected, oy, ox, flip, 4);
            using var expected = Augment.Normalize(cropped, ds.Mean, ds.Std);
            Assert.True(x.allclose(expected, rtol: 1e-5, atol: 1e-5), $"batch {batch}");
            Assert.Equal(rows.Select(r => r % 10), y.data<long>().ToArray());
            Assert.Contains(flip, f => f);
            x.Dispose();
            y.Dispose();
        }
    }

    [Fact]
    public void Batches_leave_no_tensors_behind_once_disposed()
    {
        using var ds = Synthetic(40);
        var loader = new BatchLoader(ds, Range(40), 16, augment: true, shuffle: true, seed: 1);
        using var scope = NewDisposeScope();
        foreach (var (x, y) in loader.NextEpoch())
        {
            x.Dispose();
            y.Dispose();
        }
        Assert.Equal(0, scope.DisposablesCount);
    }

    [Fact]
    public void Pipeline_is_fast_enough_on_cifar_sized_data()
    {
        using var ds = Synthetic(5000);
        var perSecond = BatchLoader.MeasureThroughput(ds, batchSize: 64, batches: 150, augment: true);
        output.WriteLine($"augmented batch pipeline: {perSecond:F0} images/s (batch 64, 3x32x32)");
        Assert.True(perSecond >= 2000, $"only {perSecond:F0} images/s");
    }
}
