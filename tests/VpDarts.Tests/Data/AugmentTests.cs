using static TorchSharp.torch;

namespace VpDarts.Tests.Data;

public class AugmentTests
{
    [Fact]
    public void Crop_pads_with_zeros_before_normalisation()
    {
        using var white = full([2, 3, 8, 8], 255, ScalarType.Byte);
        using var cropped = Augment.CropAndFlip(white, [0, 8], [0, 8], [false, false], padding: 4);
        Assert.Equal([2L, 3, 8, 8], cropped.shape);
        Assert.Equal(ScalarType.Byte, cropped.dtype);
        // offset (0, 0): the top 4 rows and left 4 columns come from the zero padding
        using var first = cropped[0];
        Assert.Equal(0, first[.., ..4, ..].max().item<byte>());
        Assert.Equal(0, first[.., .., ..4].max().item<byte>());
        Assert.Equal(255, first[.., 4.., 4..].min().item<byte>());
        // offset (8, 8): the bottom 4 rows and right 4 columns are padding
        using var second = cropped[1];
        Assert.Equal(0, second[.., 4.., ..].max().item<byte>());
        Assert.Equal(0, second[.., .., 4..].max().item<byte>());
        Assert.Equal(255, second[.., ..4, ..4].min().item<byte>());
        // after normalisation the padding is (0 − mean)/std, not 0
        using var normalised = Augment.Normalize(cropped, [0.5f, 0.5f, 0.5f], [0.25f, 0.25f, 0.25f]);
        Assert.Equal(-2f, normalised[0, 0, 0, 0].item<float>(), 5);
        Assert.Equal(2f, normalised[0, 0, 7, 7].item<float>(), 5);
    }

    [Fact]
    public void Centre_offset_is_the_identity_and_flip_mirrors_columns()
    {
        using var images = randint(0, 256, [3, 3, 6, 6], ScalarType.Byte);
        using var same = Augment.CropAndFlip(images, [2, 2, 2], [2, 2, 2], [false, false, false], padding: 2);
        Assert.True(same.eq(images).all().item<bool>());
        using var flipped = Augment.CropAndFlip(images, [2, 2, 2], [2, 2, 2], [true, false, true], padding: 2);
        using var expected0 = images[0].flip(2);
        Assert.True(flipped[0].eq(expected0).all().item<bool>());
        Assert.True(flipped[1].eq(images[1]).all().item<bool>());
        Assert.Equal(images[2, 1, 3, 0].item<byte>(), flipped[2, 1, 3, 5].item<byte>());
    }

    [Fact]
    public void Crop_matches_slicing_the_padded_image_for_every_offset()
    {
        using var images = rand([25, 2, 5, 5]);
        var ys = Enumerable.Range(0, 25).Select(i => (long)(i / 5)).ToArray();
        var xs = Enumerable.Range(0, 25).Select(i => (long)(i % 5)).ToArray();
        var flips = Enumerable.Range(0, 25).Select(i => i % 3 == 0).ToArray();
        using var cropped = Augment.CropAndFlip(images, ys, xs, flips, padding: 2);
        using var padded = nn.functional.pad(images, [2, 2, 2, 2]);
        for (var i = 0; i < 25; i++)
        {
            using var window = padded[i, .., (int)ys[i]..(int)(ys[i] + 5), (int)xs[i]..(int)(xs[i] + 5)];
            using var expected = flips[i] ? window.flip(2) : window.alias();
            Assert.True(cropped[i].eq(expected).all().item<bool>(), $"image {i}");
        }
        Assert.Throws<ArgumentOutOfRangeException>(() => Augment.CropAndFlip(images, ys.Select(y => y + 1).ToArray(), xs, flips, 2));
    }

    [Fact]
    public void Normalize_computes_x_over_255_minus_mean_over_std_per_channel()
    {
        using var images = tensor(new byte[] { 0, 51, 102, 255, 0, 51, 102, 255 }, [1, 2, 2, 2]);
        using var result = Augment.Normalize(images, [0.2f, 0.4f], [0.5f, 0.1f]);
        Assert.Equal(ScalarType.Float32, result.dtype);
        var values = result.data<float>().ToArray();
        float[] expected = [(0f - 0.2f) / 0.5f, (0.2f - 0.2f) / 0.5f, (0.4f - 0.2f) / 0.5f, (1f - 0.2f) / 0.5f,
                            (0f - 0.4f) / 0.1f, (0.2f - 0.4f) / 0.1f, (0.4f - 0.4f) / 0.1f, (1f - 0.4f) / 0.1f];
        for (var i = 0; i < 8; i++) Assert.Equal(expected[i], values[i], 4);
        Assert.Equal(2, Augment.DefaultPadding(16));
        Assert.Equal(4, Augment.DefaultPadding(32));
    }
}
