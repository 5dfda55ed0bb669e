using System.Collections.Concurrent;
using System.Globalization;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace VpDarts.Data;

/// <summary>
/// Reads image folders laid out as <c>ROOT/&lt;split&gt;/&lt;class&gt;/*.{jpg,jpeg,png}</c> (torchvision's ImageFolder
/// convention: classes sorted ordinally by folder name, images by file name; names starting with '.' are skipped).
/// Images are decoded to RGB in parallel and must all have the same square size. The decoded split is cached in
/// one binary file under the cache folder, keyed by the relative file list, sizes and modification times, so the
/// dataset folder itself may be read-only and later loads skip decoding.
/// </summary>
public static class ImageFolderReader
{
    /// <summary>File extensions read as images (compared case-insensitively).</summary>
    public static readonly IReadOnlyList<string> Extensions = [".jpg", ".jpeg", ".png"];

    /// <summary>Loads <c>root/split</c>; statistics come from <c>root/train</c> when it exists.</summary>
    /// <param name="root">The dataset folder holding one folder per split.</param>
    /// <param name="split">Split folder name, e.g. <c>train</c> or <c>test</c>.</param>
    /// <param name="cacheDirectory">Folder for decoded caches.</param>
    /// <param name="threads">Decoder threads (0 = one per core).</param>
    /// <exception cref="UserInputException">A folder is missing or empty, or an image is corrupt or of another size.</exception>
    public static ImageDataset Load(string root, string split, string cacheDirectory, int threads = 0) =>
        Load(root, split, cacheDirectory, threads, out _);

    /// <summary>As <see cref="Load(string, string, string, int)"/>, also telling whether the split came from the cache.</summary>
    public static ImageDataset Load(string root, string split, string cacheDirectory, int threads, out bool fromCache)
    {
        var rootFull = Path.GetFullPath(root);
        if (!Directory.Exists(rootFull)) throw new UserInputException($"{rootFull}: dataset folder not found");
        var splitDir = Path.Combine(rootFull, split);
        if (!Directory.Exists(splitDir))
        {
            var present = Directory.GetDirectories(rootFull).Select(Path.GetFileName).Order(StringComparer.Ordinal);
            throw new UserInputException($"{splitDir}: split folder not found (present: {string.Join(", ", present)})");
        }
        var name = "folder:" + rootFull;
        var dataset = LoadDirectory(splitDir, name, cacheDirectory, threads, out fromCache);
        var trainDir = Path.Combine(rootFull, "train");
        if (split == "train" || !Directory.Exists(trainDir)) return dataset;

        var trainStats = DatasetCache.TryReadStatistics(CachePath(trainDir, cacheDirectory));
        if (trainStats is null)
        {
            using var train = LoadDirectory(trainDir, name, cacheDirectory, threads, out _);
            trainStats = (train.Mean, train.Std);
        }
        return new ImageDataset(name, dataset.Images, dataset.Labels, dataset.ClassNames, trainStats.Value.Mean, trainStats.Value.Std);
    }

    /// <summary>
    /// Loads one split folder (<c>&lt;class&gt;/*.jpg</c> inside), from the cache when it matches, else by decoding
    /// and then writing the cache. Statistics are the folder's own.
    /// </summary>
    public static ImageDataset LoadDirectory(string splitDirectory, string name, string cacheDirectory, int threads, out bool fromCache)
    {
        var listing = List(splitDirectory);
        var cachePath = CachePath(listing, cacheDirectory);
        var cached = DatasetCache.TryRead(cachePath);
        if (cached is not null && cached.Count == listing.Files.Count && cached.ClassNames.SequenceEqual(listing.Classes))
        {
            fromCache = true;
            return cached;
        }
        cached?.Dispose();

        fromCache = false;
        var dataset = Decode(listing, name, threads);
        try
        {
            DatasetCache.Write(cachePath, dataset);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // a cache that cannot be written only costs time on the next load
        }
        return dataset;
    }

    /// <summary>The cache file a split folder's decoded images are stored in (it depends on the folder's contents).</summary>
    public static string CachePath(string splitDirectory, string cacheDirectory) => CachePath(List(splitDirectory), cacheDirectory);

    private static string CachePath(Listing listing, string cacheDirectory) =>
        Path.Combine(cacheDirectory, "folders", listing.Key + ".bin");

    private sealed record ImageFile(string Path, string Relative, int Label);

    private sealed record Listing(string Directory, string[] Classes, List<ImageFile> Files, string Key);

    private static Listing List(string splitDirectory)
    {
        var dir = Path.GetFullPath(splitDirectory);
        if (!Directory.Exists(dir)) throw new UserInputException($"{dir}: folder not found");
        var classes = Directory.GetDirectories(dir).Select(d => Path.GetFileName(d)!)
            .Where(n => !n.StartsWith('.')).Order(StringComparer.Ordinal).ToArray();
        if (classes.Length == 0) throw new UserInputException($"{dir}: no class folders found");

        var files = new List<ImageFile>();
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
                files.Add(new ImageFile(f.FullName, relative, label));
                keyLines.Add(string.Create(CultureInfo.InvariantCulture, $"{relative}\t{f.Length}\t{f.LastWriteTimeUtc.Ticks}"));
            }
        }
        return new Listing(dir, classes, files, DatasetCache.Key(keyLines));
    }

    private static ImageDataset Decode(Listing listing, string name, int threads)
    {
        var config = Configuration.Default.Clone();
        config.MaxDegreeOfParallelism = 1;
        var files = listing.Files;
        int size;
        using (var first = Open(files[0].Path, config))
        {
            if (first.Width != first.Height)
                throw new UserInputException($"{files[0].Path}: image is {first.Width}x{first.Height}; only square images are supported");
            size = first.Width;
        }

        var perImage = 3 * size * size;
        if ((long)perImage * files.Count > Array.MaxLength)
            throw new UserInputException($"{listing.Directory}: too many pixels to hold in memory ({files.Count} images of {size}x{size})");
        var pixels = GC.AllocateUninitializedArray<byte>(perImage * files.Count);
        var errors = new ConcurrentDictionary<int, UserInputException>();
        var options = new ParallelOptions { MaxDegreeOfParallelism = threads > 0 ? threads : Environment.ProcessorCount };
        Parallel.For(0, files.Count, options, (i, state) =>
        {
            try
            {
                using var image = Open(files[i].Path, config);
                if (image.Width != size || image.Height != size)
                    throw new UserInputException(
                        $"{files[i].Path}: image is {image.Width}x{image.Height} but {files[0].Relative} is {size}x{size}; all images must have the same size");
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

    private static Image<Rgb24> Open(string path, Configuration config)
    {
        try
        {
            return Image.Load<Rgb24>(config, path);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new UserInputException($"{path}: cannot decode the image: {DatasetDownloader.OneLine(e.Message)}", e);
        }
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
