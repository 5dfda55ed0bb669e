using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats;
using SixLabors.ImageSharp.PixelFormats;
using VpDarts.Runtime;

namespace VpDarts.Data;

/// <summary>
/// Reads one image file as a hostile input: the size its header declares (read without wrapping) must be within
/// <see cref="ImageFolderReader.MaxImageSide"/> before anything is decoded, the file must hold the pixel data the
/// header declares (<see cref="ImageDataCheck"/>), and the decoded image must have the declared size. Image folders and
/// <c>predict</c> both read images through this class. Every problem is one <see cref="UserInputException"/> line
/// naming the file.
/// </summary>
public static class ImageFile
{
    /// <summary>Opens <paramref name="path"/> for reading.</summary>
    /// <exception cref="UserInputException">The file cannot be opened.</exception>
    public static FileStream Open(string path)
    {
        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 14);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UserInputException($"{path}: cannot read the image: {DatasetDownloader.OneLine(e.Message)}", e);
        }
    }

    /// <summary>
    /// The size and format in an image file's header, checked against the size limit, after checking that the file
    /// holds the pixel data that header declares (<see cref="ImageDataCheck"/>); nothing is decoded.
    /// </summary>
    /// <exception cref="UserInputException">The file is in no format read, its header is unreadable, it declares a size
    /// out of bounds, or it is shorter than its header declares.</exception>
    public static (int Width, int Height, IImageFormat Format) Identify(Stream stream, string path,
        Configuration config)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(config);
        IImageInfo? info;
        IImageFormat? format;
        try
        {
            format = Image.DetectFormat(config, stream);
            if (format is not null)
            {
                if (ImageHeader.DeclaredSize(stream, format) is var (width, height)) CheckSize(path, width, height);
                var shortfall = ImageDataCheck.Shortfall(stream, format);
                if (shortfall is not null) throw new UserInputException($"{path}: {shortfall}");
            }
            stream.Position = 0;
            info = Image.Identify(config, stream, out format);
        }
        catch (Exception e) when (e is not (OutOfMemoryException or UserInputException))
        {
            throw new UserInputException($"{path}: cannot decode the image: {DatasetDownloader.OneLine(e.Message)}", e);
        }
        if (info is null || format is null)
            throw new UserInputException($"{path}: cannot decode the image: not in a format ImageSharp reads " +
                $"({string.Join(", ", ImageFolderReader.Extensions)})");
        CheckSize(path, info.Width, info.Height);
        return (info.Width, info.Height, format);
    }

    private static void CheckSize(string path, long width, long height)
    {
        if (width > ImageFolderReader.MaxImageSide || height > ImageFolderReader.MaxImageSide)
            throw new UserInputException(
                $"{path}: image is {width}x{height}; images larger than {ImageFolderReader.MaxImageSide} pixels a " +
                "side are not read");
        if (width < 1 || height < 1)
            throw new UserInputException(
                $"{path}: image is {width}x{height}; an image needs at least one pixel a side");
    }

    /// <summary>Decodes the image whose header <see cref="Identify"/> read and checks that it decodes to that
    /// size.</summary>
    /// <exception cref="UserInputException">The file does not decode, or decodes to another size.</exception>
    public static Image<TPixel> Decode<TPixel>(Stream stream, string path, Configuration config,
        (int Width, int Height, IImageFormat Format) header)
        where TPixel : unmanaged, IPixel<TPixel>
    {
        ArgumentNullException.ThrowIfNull(stream);
        var (width, height, _) = header;
        try
        {
            stream.Position = 0;
            var image = Image.Load<TPixel>(config, stream);
            if (image.Width != width || image.Height != height)
            {
                image.Dispose();
                throw new UserInputException($"{path}: the image decodes to another size than its header declares");
            }
            return image;
        }
        catch (Exception e) when (e is not (OutOfMemoryException or UserInputException))
        {
            throw new UserInputException($"{path}: cannot decode the image: {DatasetDownloader.OneLine(e.Message)}", e);
        }
    }

    /// <summary>Opens, identifies, checks and decodes <paramref name="path"/>.</summary>
    /// <exception cref="UserInputException">As <see cref="Identify"/> and <see cref="Decode{TPixel}"/>.</exception>
    public static Image<TPixel> Load<TPixel>(string path, Configuration config) where TPixel : unmanaged, IPixel<TPixel>
    {
        using var stream = Open(path);
        return Decode<TPixel>(stream, path, config, Identify(stream, path, config));
    }
}
