using System.Collections.Concurrent;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats;
using SixLabors.ImageSharp.PixelFormats;
using VpDarts.Runtime;

namespace VpDarts.Data;

/// <summary>
/// Reads image folders laid out as <c>ROOT/&lt;split&gt;/&lt;class&gt;/*.jpg</c> (torchvision's ImageFolder
/// convention: classes sorted ordinally by folder name, images by file name; names starting with '.' are skipped),
/// in every format ImageSharp decodes (<see cref="Extensions"/>). Images are decoded to RGB in parallel (grey and
/// palette images are expanded, alpha is dropped, as PIL's <c>convert("RGB")</c> does). Without an image size they
/// must all have the same square size; with one, each is resized and centre-cropped to it by
/// <see cref="ImageTransform"/>. Every split must hold the same class folders as <c>train</c>. The decoded split is
/// cached in one binary file under the cache folder, keyed by the relative file list, sizes and modification times, so
/// the dataset folder itself may be read-only and later loads skip decoding.
/// </summary>
public static class ImageFolderReader
{
    /// <summary>File extensions read as images (compared case-insensitively).</summary>
    public static readonly IReadOnlyList<string> Extensions =
        [".jpg", ".jpeg", ".png", ".bmp", ".gif", ".tga", ".tif", ".tiff", ".webp", ".pbm", ".pgm", ".ppm"];

    /// <summary>Largest width or height read.</summary>
    public const int MaxImageSide = 4096;

    /// <summary>Loads <c>root/split</c>; statistics come from <c>root/train</c> when it exists.</summary>
    /// <param name="root">The dataset folder holding one folder per split.</param>
    /// <param name="split">Split folder name, e.g. <c>train</c> or <c>test</c>.</param>
    /// <param name="cacheDirectory">Folder for decoded caches.</param>
    /// <param name="threads">Decoder threads (0 = one per core).</param>
    /// <exception cref="UserInputException">A folder is missing or empty, or an image is corrupt or of another
    /// size.</exception>
    public static ImageDataset Load(string root, string split, string cacheDirectory, int threads = 0) =>
        Load(root, split, cacheDirectory, threads, out _);

    /// <summary>As <see cref="Load(string, string, string, int)"/>, also telling whether the split came from the
    /// cache.</summary>
    public static ImageDataset Load(string root, string split, string cacheDirectory, int threads,
        out bool fromCache) =>
        Load(root, split, cacheDirectory, threads, null, out fromCache);

    /// <summary>
    /// As <see cref="Load(string, string, string, int)"/>, with every image resized and centre-cropped to
    /// <paramref name="imageSize"/> (null: the images' own size, which must then be the same for all), also telling
    /// whether the split came from the cache.
    /// </summary>
    /// <exception cref="UserInputException">A folder is missing or empty, its class folders differ from <c>train</c>'s,
    /// or an image is corrupt or (without <paramref name="imageSize"/>) of another size.</exception>
    public static ImageDataset Load(string root, string split, string cacheDirectory, int threads, int? imageSize,
        out bool fromCache)
    {
        ImageTransform.Check(imageSize, "--image-size");
        var rootFull = Path.GetFullPath(root);
        if (!Directory.Exists(rootFull)) throw new UserInputException($"{rootFull}: dataset folder not found");
        var splitDir = Path.Combine(rootFull, split);
        if (!Directory.Exists(splitDir))
        {
            var present = Directory.GetDirectories(rootFull).Select(Path.GetFileName).Order(StringComparer.Ordinal);
            throw new UserInputException($"{splitDir}: split folder not found (present: {string.Join(", ", present)})");
        }
        var name = "folder:" + rootFull;
        var trainDir = Path.Combine(rootFull, "train");
        if (split != "train" && Directory.Exists(trainDir)) RequireSameClasses(splitDir, trainDir);
        var dataset = LoadDirectory(splitDir, name, cacheDirectory, threads, imageSize, out fromCache);
        if (split == "train" || !Directory.Exists(trainDir)) return dataset;

        var trainStats = DatasetCache.TryReadStatistics(CachePath(List(trainDir), cacheDirectory, imageSize));
        if (trainStats is null)
        {
            using var train = LoadDirectory(trainDir, name, cacheDirectory, threads, imageSize, out _);
            trainStats = (train.Mean, train.Std);
        }
        return new ImageDataset(name, dataset.Images, dataset.Labels, dataset.ClassNames, trainStats.Value.Mean,
            trainStats.Value.Std);
    }

    /// <summary>Class folder names of a split folder, sorted ordinally (names starting with '.' left out).</summary>
    private static string[] ClassFolders(string splitDirectory) =>
        Directory.GetDirectories(splitDirectory).Select(d => Path.GetFileName(d)!)
            .Where(n => !n.StartsWith('.')).Order(StringComparer.Ordinal).ToArray();

    /// <summary>Throws unless <paramref name="splitDirectory"/> holds the same class folders as
    /// <paramref name="trainDirectory"/>.</summary>
    private static void RequireSameClasses(string splitDirectory, string trainDirectory)
    {
        var classes = ClassFolders(splitDirectory);
        var trainClasses = ClassFolders(trainDirectory);
        if (classes.SequenceEqual(trainClasses)) return;
        var missing =
            trainClasses.Except(classes, StringComparer.Ordinal).Select(c => Path.Combine(splitDirectory, c)).ToArray();
        var extra =
            classes.Except(trainClasses, StringComparer.Ordinal).Select(c => Path.Combine(splitDirectory, c)).ToArray();
        var problem = missing.Length > 0
            ? $"{missing[0]}: class folder missing (present in {trainDirectory})"
            : $"{extra[0]}: class folder not in {trainDirectory}";
        var more = missing.Length + extra.Length - 1;
        throw new UserInputException(
            $"{problem}{(more > 0 ? $" ({more} more differ)" : "")}; every split needs the same class folders");
    }

    /// <summary>
    /// Loads one split folder (<c>&lt;class&gt;/*.jpg</c> inside), from the cache when it matches, else by decoding
    /// and then writing the cache. Statistics are the folder's own.
    /// </summary>
    public static ImageDataset LoadDirectory(string splitDirectory, string name, string cacheDirectory, int threads,
        out bool fromCache) =>
        LoadDirectory(splitDirectory, name, cacheDirectory, threads, null, out fromCache);

    /// <summary>As <see cref="LoadDirectory(string, string, string, int, out bool)"/>, resizing to
    /// <paramref name="imageSize"/> when it is set.</summary>
    public static ImageDataset LoadDirectory(string splitDirectory, string name, string cacheDirectory, int threads,
        int? imageSize, out bool fromCache)
    {
        var listing = List(splitDirectory);
        var cachePath = CachePath(listing, cacheDirectory, imageSize);
        var cached = DatasetCache.TryRead(cachePath);
        if (cached is not null && cached.Count == listing.Files.Count
            && cached.ClassNames.SequenceEqual(listing.Classes)
            && (imageSize is null || cached.Size == imageSize))
        {
            fromCache = true;
            return cached;
        }
        cached?.Dispose();

        fromCache = false;
        var dataset = Decode(listing, name, threads, imageSize is null ? null : new ImageTransform(imageSize.Value));
        DatasetCache.TryWrite(cachePath, dataset);
        return dataset;
    }

    /// <summary>The cache file a split folder's decoded images are stored in (it depends on the folder's
    /// contents).</summary>
    public static string CachePath(string splitDirectory, string cacheDirectory)
        => CachePath(List(splitDirectory), cacheDirectory, null);

    /// <summary>The images' own size keeps the key caches had before image sizes existed; a size gets its own
    /// cache.</summary>
    private static string CachePath(Listing listing, string cacheDirectory, int? imageSize) =>
        Path.Combine(cacheDirectory, "folders",
            (imageSize is null
                ? listing.Key : DatasetCache.Key([listing.Key, $"resize-center-crop {imageSize.Value}"])) + ".bin");

    private sealed record FoundImage(string Path, string Relative, int Label);

    private sealed record Listing(string Directory, string[] Classes, List<FoundImage> Files, string Key);

    private static Listing List(string splitDirectory)
    {
        var dir = Path.GetFullPath(splitDirectory);
        if (!Directory.Exists(dir)) throw new UserInputException($"{dir}: folder not found");
        var classes = ClassFolders(dir);
        if (classes.Length == 0) throw new UserInputException($"{dir}: no class folders found");

        var files = new List<FoundImage>();
        var keyLines = new List<string> { "image-folder-v1" };
        for (var label = 0; label < classes.Length; label++)
        {
            var classDir = Path.Combine(dir, classes[label]);
            var images = new DirectoryInfo(classDir).EnumerateFiles()
                .Where(f => !f.Name.StartsWith('.') && Extensions.Contains(f.Extension.ToLowerInvariant()))
                .OrderBy(f => f.Name, StringComparer.Ordinal).ToArray();
            if (images.Length == 0)
                throw new UserInputException($"{classDir}: class folder has no {string.Join(", ", Extensions)} images");
            foreach (var f in images)
            {
                RegularFile.Require(f.FullName);
                var relative = classes[label] + "/" + f.Name;
                files.Add(new FoundImage(f.FullName, relative, label));
                keyLines.Add(
                    string.Create(CultureInfo.InvariantCulture, $"{relative}\t{f.Length}\t{f.LastWriteTimeUtc.Ticks}"));
            }
        }
        return new Listing(dir, classes, files, DatasetCache.Key(keyLines));
    }

    private static ImageDataset Decode(Listing listing, string name, int threads, ImageTransform? transform)
    {
        var config = Configuration.Default.Clone();
        config.MaxDegreeOfParallelism = 1;
        var files = listing.Files;
        int size;
        if (transform is not null) size = transform.Size;
        else
        {
            var (width, height, _) = Identify(files[0].Path, config);
            if (width != height)
                throw new UserInputException(
                    $"{files[0].Path}: image is {width}x{height}; images must be square, or pass --image-size N to " +
                    "resize and centre-crop them");
            size = width;
        }

        var perImage = 3 * size * size;
        if ((long)perImage * files.Count > Array.MaxLength)
            throw new UserInputException(
                $"{listing.Directory}: too many pixels to hold in memory ({files.Count} images of {size}x{size})");
        var pixels = GC.AllocateUninitializedArray<byte>(perImage * files.Count);
        var errors = new ConcurrentDictionary<int, UserInputException>();
        var options =
            new ParallelOptions { MaxDegreeOfParallelism = threads > 0 ? threads : Environment.ProcessorCount };
        Parallel.For(0, files.Count, options, (i, state) =>
        {
            try
            {
                using var image = Open(files[i].Path, config, size, files[0].Relative, transform);
                CopyPlanar(image, pixels, i * perImage);
            }
            catch (UserInputException e)
            {
                errors[i] = e;
                state.Break();
            }
        });
        if (!errors.IsEmpty) throw errors[errors.Keys.Min()];

        var labels = files.Select(f => (long)f.Label).ToArray();
        var (mean, std) = DatasetStatistics.Compute(pixels, 3, size * size);
        return ImageDataset.FromBytes(name, pixels, files.Count, 3, size, labels, listing.Classes, mean, std);
    }

    /// <summary>The size and format in an image file's header; nothing is decoded.</summary>
    private static (int Width, int Height, IImageFormat Format) Identify(string path, Configuration config)
    {
        using var stream = ImageFile.Open(path);
        return ImageFile.Identify(stream, path, config);
    }

    /// <summary>
    /// Decodes an image after its header showed the expected size (or, with a transform, a size within bounds) and
    /// the file showed that it holds the pixel data its header declares (<see cref="ImageFile"/>), so that neither a
    /// false size nor a cut file is decoded; then applies the transform.
    /// </summary>
    private static Image<Rgb24> Open(string path, Configuration config, int size, string sizeSource,
        ImageTransform? transform)
    {
        using var stream = ImageFile.Open(path);
        var header = ImageFile.Identify(stream, path, config);
        var (width, height, _) = header;
        if (transform is null && (width != size || height != size))
            throw new UserInputException(
                $"{path}: image is {width}x{height} but {sizeSource} is {size}x{size}; all images must have " +
                "the same size, or pass --image-size N to resize and centre-crop them");
        var image = ImageFile.Decode<Rgb24>(stream, path, config, header);
        try
        {
            transform?.Apply(image, path);
        }
        catch
        {
            image.Dispose();
            throw;
        }
        return image;
    }

    private static void CopyPlanar(Image<Rgb24> image, byte[] target, int offset)
    {
        var plane = image.Width * image.Height;
        image.ProcessPixelRows(rows =>
        {
            for (var y = 0; y < rows.Height; y++)
            {
                var row = rows.GetRowSpan(y);
                var at = offset + y * rows.Width;
                for (var x = 0; x < row.Length; x++)
                {
                    target[at + x] = row[x].R;
                    target[at + plane + x] = row[x].G;
                    target[at + 2 * plane + x] = row[x].B;
                }
            }
        });
    }
}
