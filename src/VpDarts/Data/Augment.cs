using VpDarts.Runtime;

namespace VpDarts.Data;

/// <summary>
/// Batch-wise augmentation on tensors, as NB201/torchvision do it per image: random crop from the image padded
/// with zeros (black, before normalisation), random horizontal flip, then per-channel normalisation.
/// </summary>
public static class Augment
{
    /// <summary>Crop padding for an image size: 4 pixels, or 2 for images of 16 pixels or less (ImageNet16).</summary>
    public static int DefaultPadding(int size) => size <= 16 ? 2 : 4;

    /// <summary>
    /// Pads every image with <paramref name="padding"/> zeros on each side, crops the original size back at the
    /// given offsets (0..2·padding, in padded coordinates; <c>padding</c> means no shift) and mirrors the images
    /// whose flip flag is set. Works on any dtype; returns a new tensor of the input's shape and dtype.
    /// </summary>
    /// <param name="images"><c>[B, C, H, W]</c>.</param>
    /// <param name="offsetY">Row offset per image.</param>
    /// <param name="offsetX">Column offset per image.</param>
    /// <param name="flip">Horizontal flip per image.</param>
    /// <param name="padding">Zero padding on each side.</param>
    public static Tensor CropAndFlip(Tensor images, long[] offsetY, long[] offsetX, bool[] flip, int padding)
    {
        ArgumentNullException.ThrowIfNull(images);
        if (images.dim() != 4) throw new ArgumentException("images must be [B, C, H, W]", nameof(images));
        var (b, c, h, w) = (images.shape[0], images.shape[1], images.shape[2], images.shape[3]);
        if (offsetY.Length != b || offsetX.Length != b || flip.Length != b)
            throw new ArgumentException(
                $"need {b} offsets and flips, got {offsetY.Length}, {offsetX.Length}, {flip.Length}");
        if (padding < 0) throw new ArgumentOutOfRangeException(nameof(padding));
        if (offsetY.Concat(offsetX).Any(o => o < 0 || o > 2 * padding))
            throw new ArgumentOutOfRangeException(nameof(offsetY), $"offsets must lie in 0..{2 * padding}");

        using var scope = NewDisposeScope();
        var device = images.device;
        var padded = padding > 0
            ? nn.functional.pad(images, [padding, padding, padding, padding], PaddingModes.Constant, 0)
            : images.alias();
        var paddedWidth = w + 2 * padding;

        // Source row and column of every output pixel, per image, in padded coordinates.
        var sourceRows = new long[b * h];
        var sourceColumns = new long[b * w];
        for (var i = 0; i < b; i++)
        {
            for (var y = 0; y < h; y++) sourceRows[i * h + y] = offsetY[i] + y;
            for (var x = 0; x < w; x++) sourceColumns[i * w + x] = offsetX[i] + (flip[i] ? w - 1 - x : x);
        }
        var rows = tensor(sourceRows, [b, 1, h, 1], device: device);
        var cropped = padded.gather(2, rows.expand(b, c, h, paddedWidth));
        var columns = tensor(sourceColumns, [b, 1, 1, w], device: device);
        var result = cropped.gather(3, columns.expand(b, c, h, w));
        return result.MoveToOuterDisposeScope();
    }

    /// <summary>Converts raw 0..255 images (uint8 or float) to float32 and normalises each channel: (x/255 −
    /// mean)/std.</summary>
    public static Tensor Normalize(Tensor images, float[] mean, float[] std)
    {
        ArgumentNullException.ThrowIfNull(images);
        var channels = images.shape[1];
        if (mean.Length != channels || std.Length != channels)
            throw new ArgumentException($"need {channels} mean and std values");
        using var scope = NewDisposeScope();
        var scale = tensor(std.Select(s => 1f / (255f * s)).ToArray(), device: images.device).view(1, channels, 1, 1);
        var shift = tensor(mean.Select((m, i) => -m / std[i]).ToArray(), device: images.device).view(1, channels, 1, 1);
        var result = images.to_type(ScalarType.Float32).mul_(scale).add_(shift, Scalars.One);
        return result.MoveToOuterDisposeScope();
    }

    /// <summary>
    /// The fused CPU kernel the <see cref="BatchLoader"/> uses: for each selected image, crop (offsets in padded
    /// coordinates, zero padding), optionally mirror, and normalise straight into <paramref name="target"/>
    /// (float32 <c>[B, C, S, S]</c>). Same result as <see cref="CropAndFlip"/> followed by <see cref="Normalize"/>,
    /// without intermediate tensors; with null offsets it only normalises.
    /// </summary>
    internal static void CropFlipNormalize(ReadOnlySpan<byte> source, ReadOnlySpan<long> rows, int channels, int size,
        int padding, long[]? offsetY, long[]? offsetX, bool[]? flip, float[] mean, float[] std, Span<float> target)
    {
        var plane = size * size;
        var image = channels * plane;
        Span<float> scale = stackalloc float[channels];
        Span<float> shift = stackalloc float[channels];
        for (var c = 0; c < channels; c++)
        {
            scale[c] = 1f / (255f * std[c]);
            shift[c] = -mean[c] / std[c];
        }
        for (var b = 0; b < rows.Length; b++)
        {
            var src = source.Slice(checked((int)(rows[b] * image)), image);
            var dy = offsetY is null ? 0 : (int)offsetY[b] - padding;
            var dx = offsetX is null ? 0 : (int)offsetX[b] - padding;
            var mirror = flip is not null && flip[b];
            for (var c = 0; c < channels; c++)
            {
                var (sc, sh) = (scale[c], shift[c]);
                var srcPlane = src.Slice(c * plane, plane);
                var dstPlane = target.Slice((b * channels + c) * plane, plane);
                for (var y = 0; y < size; y++)
                {
                    var dstRow = dstPlane.Slice(y * size, size);
                    var sy = y + dy;
                    if ((uint)sy >= (uint)size)
                    {
                        dstRow.Fill(sh); // a padding row: raw 0
                        continue;
                    }
                    var srcRow = srcPlane.Slice(sy * size, size);
                    if (dx == 0 && !mirror)
                    {
                        for (var x = 0; x < size; x++) dstRow[x] = srcRow[x] * sc + sh;
                        continue;
                    }
                    for (var x = 0; x < size; x++)
                    {
                        var sx = (mirror ? size - 1 - x : x) + dx;
                        dstRow[x] = (uint)sx < (uint)size ? srcRow[sx] * sc + sh : sh;
                    }
                }
            }
        }
    }

    /// <summary>Draws crop offsets (0..2·padding each) and flip flags (probability ½) for a batch.</summary>
    public static (long[] OffsetY, long[] OffsetX, bool[] Flip) Draw(Random rng, int count, int padding)
    {
        var y = new long[count];
        var x = new long[count];
        var f = new bool[count];
        for (var i = 0; i < count; i++)
        {
            y[i] = rng.Next(2 * padding + 1);
            x[i] = rng.Next(2 * padding + 1);
            f[i] = rng.Next(2) == 1;
        }
        return (y, x, f);
    }
}
