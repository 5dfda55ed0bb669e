namespace VpDarts.Data;

/// <summary>Loads datasets by name: <c>cifar10</c>, <c>cifar100</c>, <c>fashion-mnist</c>, <c>imagenet16-120</c>,
/// <c>demo</c>, <c>folder:PATH</c>.</summary>
public static class DatasetCatalog
{
    /// <summary>The accepted dataset specifications.</summary>
    public static readonly IReadOnlyList<string> Specs =
        ["cifar10", "cifar100", "fashion-mnist", "imagenet16-120", "demo", "folder:PATH"];

    /// <summary>Whether <paramref name="spec"/> names a dataset this catalog can load (not whether its files
    /// exist).</summary>
    public static bool IsKnownSpec(string? spec)
    {
        var s = (spec ?? "").Trim();
        if (s.StartsWith("folder:", StringComparison.OrdinalIgnoreCase)) return s.Length > "folder:".Length;
        return Specs.Contains(s.ToLowerInvariant()) && s.ToLowerInvariant() != "folder:path";
    }

    /// <summary>Folder name of the extracted CIFAR-10 binary archive.</summary>
    public const string Cifar10Folder = "cifar-10-batches-bin";

    /// <summary>Folder name of the extracted CIFAR-100 binary archive.</summary>
    public const string Cifar100Folder = "cifar-100-binary";

    /// <summary>Loads one split of a dataset, downloading or decoding it first when needed.</summary>
    /// <param name="spec">One of <see cref="Specs"/> (case-insensitive; the path after <c>folder:</c> is kept as
    /// given).</param>
    /// <param name="split"><c>train</c> or <c>test</c>.</param>
    /// <param name="options">Locations and download settings; defaults when null.</param>
    /// <exception cref="UserInputException">Unknown spec or split, or data that cannot be found, fetched or
    /// read.</exception>
    public static ImageDataset Load(string spec, string split, DataOptions? options = null)
    {
        options ??= new DataOptions();
        var s = (spec ?? "").Trim();
        split = Splits.Check(split);
        if (s.StartsWith("folder:", StringComparison.OrdinalIgnoreCase))
            return ImageFolderReader.Load(FolderRoot(s, options), split, options.CacheDirectory, options.DecodeThreads,
                options.ImageSize, out _);
        if (options.ImageSize is not null)
            throw new UserInputException($"--image-size: applies to folder:PATH datasets only, not to '{spec}'");
        return s.ToLowerInvariant() switch
        {
            "cifar10" => CifarBinaryReader.LoadCifar10(Cifar(options, options.Cifar10Source, Cifar10Folder), split),
            "cifar100" => CifarBinaryReader.LoadCifar100(Cifar(options, options.Cifar100Source, Cifar100Folder), split),
            "fashion-mnist" => FashionMnist.Load(split, options),
            "imagenet16-120" =>
                ImageNet16Reader.Load(options.ImageNet16Directory ?? Path.Combine(options.DataDirectory, "ImageNet16"),
                    split, 120, options.CacheDirectory),
            "demo" => DemoDataset.Load(split),
            _ => throw new UserInputException($"unknown dataset '{spec}': valid are {string.Join(", ", Specs)}"),
        };
    }

    /// <summary>
    /// The validation split of a <c>folder:</c> dataset whose folder holds <c>val/</c> next to <c>train/</c>; null for
    /// every other dataset (their validation data, where a run needs some, comes out of the training split).
    /// </summary>
    /// <exception cref="UserInputException">The folder cannot be read, or <c>val/</c> holds other classes than
    /// <c>train/</c>.</exception>
    public static ImageDataset? LoadValidation(string spec, DataOptions? options = null)
    {
        options ??= new DataOptions();
        var s = (spec ?? "").Trim();
        if (!s.StartsWith("folder:", StringComparison.OrdinalIgnoreCase)) return null;
        var root = FolderRoot(s, options);
        if (!Directory.Exists(Path.Combine(root, Splits.Validation))) return null;
        return ImageFolderReader.Load(root, Splits.Validation, options.CacheDirectory, options.DecodeThreads,
            options.ImageSize, out _);
    }

    /// <summary>The folder holding the split folders of a <c>folder:</c> spec, extracting an archive first.</summary>
    private static string FolderRoot(string spec, DataOptions options)
    {
        var path = spec["folder:".Length..];
        if (path.Length == 0) throw new UserInputException("dataset 'folder:' needs a path, e.g. folder:/data/pets");
        return ArchiveFolder.IsArchive(path)
            ? ArchiveFolder.Resolve(path, options.CacheDirectory, options.ExtractionLimits) : path;
    }

    private static string Cifar(DataOptions options, DownloadSource source, string folder)
    {
        var path = Path.Combine(options.DataDirectory, folder);
        if (Directory.Exists(path)) return path;
        if (!options.AllowDownload)
            throw new UserInputException($"{path}: folder not found (and downloads are disabled)");
        return DatasetDownloader.EnsureExtracted(source, options.DataDirectory, folder, options.HttpClient,
            options.ExtractionLimits, options.DownloadProgress);
    }
}
