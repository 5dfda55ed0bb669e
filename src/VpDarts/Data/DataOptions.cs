namespace VpDarts.Data;

/// <summary>Settings for locating, downloading, decoding and caching datasets.</summary>
public sealed class DataOptions
{
    /// <summary>Published Fashion-MNIST file checksums (of the original gzip files).</summary>
    public static IReadOnlyDictionary<string, string> FashionMnistPublishedMd5 { get; } = new Dictionary<string, string>
    {
        ["train-images-idx3-ubyte.gz"] = "8d4fb7e6c68d591d4c3dfef9ec88bf0d",
        ["train-labels-idx1-ubyte.gz"] = "25c81989df183df01b3e8a0aad5dffbe",
        ["t10k-images-idx3-ubyte.gz"] = "bef4ecab320f06d8554ea6380940ec79",
        ["t10k-labels-idx1-ubyte.gz"] = "bb300cfdad3c16e7a12a480ee83fd310",
    };

    /// <summary>The per-user cache root: <c>$XDG_CACHE_HOME/vpdarts</c>, else <c>~/.cache/vpdarts</c>.</summary>
    public static string UserCacheRoot =>
        Path.Combine(UsesXdgCacheHome
            ? Environment.GetEnvironmentVariable("XDG_CACHE_HOME")! : Path.Combine(UserHome, ".cache"), "vpdarts");

    /// <summary>Whether <see cref="UserCacheRoot"/> is in <c>$XDG_CACHE_HOME</c> (set to an absolute path).</summary>
    public static bool UsesXdgCacheHome => Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { } xdg
        && !string.IsNullOrWhiteSpace(xdg) && Path.IsPathRooted(xdg);

    /// <summary>
    /// The user's home folder, whether or not it exists yet (without <c>DoNotVerify</c> .NET answers an empty string
    /// for a missing one, and the cache would land in the working folder).
    /// </summary>
    public static string UserHome => Environment.GetFolderPath(Environment.SpecialFolder.UserProfile,
        Environment.SpecialFolderOption.DoNotVerify);

    /// <summary>
    /// The defaults (also when <paramref name="dataDir"/> names <see cref="DefaultDataDirectory"/>, as a resolved
    /// config records it), or datasets in <paramref name="dataDir"/> with their caches in its <c>cache</c> folder.
    /// </summary>
    public static DataOptions ForDataDir(string? dataDir) => ForDataDir(dataDir, null);

    /// <summary>As <see cref="ForDataDir(string?)"/>, with folder images resized and centre-cropped to
    /// <paramref name="imageSize"/> when it is set.</summary>
    public static DataOptions ForDataDir(string? dataDir, int? imageSize)
        => dataDir is null || IsDefaultDataDir(ResolveDataDir(dataDir))
        ? new DataOptions { ImageSize = imageSize }
        : new DataOptions
        {
            DataDirectory = dataDir, CacheDirectory = Path.Combine(dataDir, "cache"), ImageSize = imageSize
        };

    /// <summary>The folder datasets are kept in when no data folder is given: <c>data</c> in
    /// <see cref="UserCacheRoot"/>.</summary>
    public static string DefaultDataDirectory => Path.Combine(UserCacheRoot, "data");

    /// <summary>The absolute data folder a run uses for the setting <paramref name="dataDir"/> (null:
    /// <see cref="DefaultDataDirectory"/>).</summary>
    /// <exception cref="UserInputException"><paramref name="dataDir"/> is an empty string.</exception>
    public static string ResolveDataDir(string? dataDir) => dataDir is { Length: 0 }
        ? throw new UserInputException("data_dir: expects a folder path, got an empty string")
        : Path.GetFullPath(dataDir ?? DefaultDataDirectory);

    private static bool IsDefaultDataDir(string dataDir) =>
        string.Equals(Path.GetFullPath(dataDir).TrimEnd(Path.DirectorySeparatorChar),
            Path.GetFullPath(DefaultDataDirectory).TrimEnd(Path.DirectorySeparatorChar), StringComparison.Ordinal);

    /// <summary>Folder holding downloaded and extracted datasets (default <c>~/.cache/vpdarts/data</c>).</summary>
    public string DataDirectory { get; init; } = DefaultDataDirectory;

    /// <summary>Folder for decoded-image caches (default <c>~/.cache/vpdarts/cache</c>); never inside a dataset
    /// folder.</summary>
    public string CacheDirectory { get; init; } = Path.Combine(UserCacheRoot, "cache");

    /// <summary>Whether a missing dataset may be downloaded.</summary>
    public bool AllowDownload { get; init; } = true;

    /// <summary>Where CIFAR-10 is downloaded from.</summary>
    public DownloadSource Cifar10Source { get; init; } = DownloadSource.Cifar10;

    /// <summary>Where CIFAR-100 is downloaded from.</summary>
    public DownloadSource Cifar100Source { get; init; } = DownloadSource.Cifar100;

    /// <summary>A local Fashion-MNIST folder tried before <see cref="DataDirectory"/> (Debian's dataset-fashion-mnist
    /// package).</summary>
    public string FashionMnistDirectory { get; init; } = "/usr/share/datasets/fashion-mnist";

    /// <summary>Base URL the four Fashion-MNIST files are downloaded from.</summary>
    public Uri FashionMnistBaseUrl { get; init; } = new("http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/");

    /// <summary>Expected MD5 per Fashion-MNIST file name (default: the published checksums).</summary>
    public IReadOnlyDictionary<string, string> FashionMnistMd5 { get; init; } = FashionMnistPublishedMd5;

    /// <summary>The ImageNet16 folder (NB201's <c>train_data_batch_1..10</c>, <c>val_data</c>); default
    /// <c>DataDirectory/ImageNet16</c>.</summary>
    public string? ImageNet16Directory { get; init; }

    /// <summary>Hears how far each download has got; <see cref="DownloadLog.StandardError"/> when null.</summary>
    public IProgress<DownloadProgress>? DownloadProgress { get; init; }

    /// <summary>HTTP client for downloads; a shared default client when null.</summary>
    public HttpClient? HttpClient { get; init; }

    /// <summary>
    /// Bounds on extracting dataset archives (<c>folder:X.tar.gz</c> and downloads); null means those set by
    /// <c>VPDARTS_MAX_EXTRACT_BYTES</c> and <c>VPDARTS_MAX_EXTRACT_ENTRIES</c>, else
    /// <see cref="Data.ExtractionLimits.Default"/>.
    /// </summary>
    public ExtractionLimits? ExtractionLimits { get; init; }

    /// <summary>
    /// Side that every image of a <c>folder:</c> dataset is resized (shorter side) and centre-cropped to, as
    /// <see cref="ImageTransform"/> does; null keeps the images' own size, which must then be the same for all.
    /// </summary>
    public int? ImageSize { get; init; }

    /// <summary>Threads used to decode image folders.</summary>
    public int DecodeThreads { get; init; } = Environment.ProcessorCount;
}
