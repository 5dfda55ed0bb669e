using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;

namespace VpDarts.Data;

/// <summary>
/// torchvision's <c>Resize(N)</c> followed by <c>CenterCrop(N)</c>: an image is scaled (bilinear, antialiased when
/// shrinking, as PIL's bilinear filter is) so that its shorter side is <see cref="Size"/>, then the centred
/// <see cref="Size"/>×<see cref="Size"/> square is cut out. An image that already is
/// <see cref="Size"/>×<see cref="Size"/> is left as it is. Image folders read with <c>--image-size</c> and
/// <c>predict</c> both use this class, so that a network sees the same pixels at prediction time as in training.
/// </summary>
/// <param name="Size">Side of the square output in pixels.</param>
public sealed record ImageTransform(int Size)
{
    /// <summary>Smallest <see cref="Size"/> accepted (the network's two stride-2 stages need at least 4
    /// pixels).</summary>
    public const int MinSize = 4;

    /// <summary>Largest <see cref="Size"/> accepted.</summary>
    public const int MaxSize = 1024;

    /// <summary>Largest side an image may have after the resize, before the crop (bounds the memory a thin image
    /// takes).</summary>
    public const int MaxResizedSide = 16 * MaxSize;

    /// <summary>Checks an image size setting.</summary>
    /// <param name="size">The setting; null (the images' own size) is always accepted.</param>
    /// <param name="option">What the error names, e.g. <c>--image-size</c>.</param>
    /// <exception cref="UserInputException">The size is outside
    /// <see cref="MinSize"/>..<see cref="MaxSize"/>.</exception>
    public static void Check(int? size, string option)
    {
        if (size is not null and (< MinSize or > MaxSize))
            throw new UserInputException($"{option}: must be {MinSize} to {MaxSize} pixels, got {size}");
    }

    /// <summary>The size after the resize step, before the crop: the shorter side becomes <see cref="Size"/> and the
    /// longer side <c>int(Size · long / short)</c> (truncated), as torchvision computes it.</summary>
    public (int Width, int Height) ResizedSize(int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        var shorter = Math.Min(width, height);
        var longer = (long)Math.Max(width, height);
        var newLonger = (int)Math.Min(int.MaxValue, (long)(Size * (double)longer / shorter));
        return width <= height ? (Size, newLonger) : (newLonger, Size);
    }

    /// <summary>
    /// Resizes and centre-crops <paramref name="image"/> in place. The crop's offset is <c>round((side − Size) / 2)</c>
    /// with ties to even, as torchvision's <c>CenterCrop</c> computes it.
    /// </summary>
    /// <param name="image">The decoded image.</param>
    /// <param name="source">What errors name the image as (its file).</param>
    /// <exception cref="UserInputException">The image is so thin that its resized long side would pass
    /// <see cref="MaxResizedSide"/>.</exception>
    public void Apply<TPixel>(Image<TPixel> image, string source) where TPixel : unmanaged, IPixel<TPixel>
    {
        ArgumentNullException.ThrowIfNull(image);
        if (image.Width == Size && image.Height == Size) return;
        var (width, height) = ResizedSize(image.Width, image.Height);
        if (Math.Max(width, height) > MaxResizedSide)
            throw new UserInputException(
                $"{source}: image is {image.Width}x{image.Height}; resizing its shorter side to {Size} would make " +
                $"the longer side more than {MaxResizedSide} pixels");
        var left = (int)Math.Round((width - Size) / 2.0, MidpointRounding.ToEven);
        var top = (int)Math.Round((height - Size) / 2.0, MidpointRounding.ToEven);
        if (width != image.Width || height != image.Height)
            image.Mutate(x => x.Resize(width, height, KnownResamplers.Triangle));
        if (width != Size || height != Size) image.Mutate(x => x.Crop(new Rectangle(left, top, Size, Size)));
    }
}
