namespace VpDarts.Data;

/// <summary>
/// Fashion-MNIST (Xiao et al. 2017, MIT licence): 28×28 grey images of 10 clothing classes in IDX files.
/// Looked up in <see cref="DataOptions.FashionMnistDirectory"/> (Debian's <c>dataset-fashion-mnist</c>), then in
/// <c>DataDirectory/fashion-mnist</c>, and downloaded there (MD5-checked) when missing.
/// </summary>
public static class FashionMnist
{
    /// <summary>The ten class names in label order.</summary>
    public static readonly IReadOnlyList<string> ClassNames =
        ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"];

    /// <summary>The four file names, as published.</summary>
    public static readonly IReadOnlyList<string> FileNames =
        ["train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz", "t10k-images-idx3-ubyte.gz",
            "t10k-labels-idx1-ubyte.gz"];

    /// <summary>Image and label file names of a split (<c>train</c> or <c>test</c>).</summary>
    public static (string Images, string Labels) Files(string split) => Splits.Check(split) == "train"
        ? ("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz")
        : ("t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz");

    /// <summary>Loads a split, locating or downloading the files as <paramref name="options"/> says.</summary>
    /// <exception cref="UserInputException">The files cannot be found or fetched, or are malformed.</exception>
    public static ImageDataset Load(string split, DataOptions options) => LoadFolder(Locate(options), split);

    /// <summary>
    /// Loads a split from a folder holding the IDX files (plain or gzip). Mean and standard deviation come from the
    /// folder's training images.
    /// </summary>
    public static ImageDataset LoadFolder(string folder, string split)
    {
        var (images, labels) = Files(split);
        float[]? mean = null, std = null;
        if (Splits.Check(split) == "test")
        {
            using var trainImages = IdxReader.Open(Path.Combine(folder, Files("train").Images));
            var (pixels, _, rows, cols) =
                IdxReader.ReadImages(trainImages, Path.Combine(folder, Files("train").Images));
            (mean, std) = DatasetStatistics.Compute(pixels, 1, rows * cols);
        }
        return IdxReader.Load(Path.Combine(folder, images), Path.Combine(folder, labels), "fashion-mnist",
            ClassNames, mean, std);
    }

    /// <summary>The folder holding all four files: the local folder, the data folder, or a fresh download into the
    /// latter.</summary>
    public static string Locate(DataOptions options)
    {
        if (HasAll(options.FashionMnistDirectory)) return options.FashionMnistDirectory;
        var target = Path.Combine(options.DataDirectory, "fashion-mnist");
        if (HasAll(target)) return target;
        if (!options.AllowDownload)
            throw new UserInputException($"{target}: Fashion-MNIST files not found (and downloads are disabled)");
        foreach (var file in FileNames)
        {
            if (IdxReader.Exists(Path.Combine(target, file))) continue;
            if (!options.FashionMnistMd5.TryGetValue(file, out var md5))
                throw new UserInputException($"{file}: no MD5 checksum configured for this Fashion-MNIST file");
            DatasetDownloader.DownloadFile(new DownloadSource(new Uri(options.FashionMnistBaseUrl, file), md5),
                Path.Combine(target, file), options.HttpClient, options.DownloadProgress);
        }
        return target;
    }

    private static bool HasAll(string folder) =>
        Directory.Exists(folder) && FileNames.All(f => IdxReader.Exists(Path.Combine(folder, f)));
}
