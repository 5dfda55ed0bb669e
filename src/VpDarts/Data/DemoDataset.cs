namespace VpDarts.Data;

/// <summary>
/// A small dataset shipped inside the library: 200 training and 50 test images per class of Fashion-MNIST
/// (the first ones of each class in the original files), as gzipped IDX resources. Loads without any files.
/// </summary>
public static class DemoDataset
{
    private const string Prefix = "VpDarts.Data.Demo.";

    /// <summary>Training images per class.</summary>
    public const int TrainPerClass = 200;

    /// <summary>Test images per class.</summary>
    public const int TestPerClass = 50;

    /// <summary>Loads the embedded demo split (<c>train</c> or <c>test</c>); statistics come from its training
    /// images.</summary>
    public static ImageDataset Load(string split)
    {
        var (images, labels) = FashionMnist.Files(split);
        float[]? mean = null, std = null;
        if (Splits.Check(split) == "test")
        {
            using var train = OpenResource(FashionMnist.Files("train").Images);
            var (pixels, _, rows, cols) = IdxReader.ReadImages(train, "demo:" + FashionMnist.Files("train").Images);
            (mean, std) = DatasetStatistics.Compute(pixels, 1, rows * cols);
        }
        using var imageStream = OpenResource(images);
        using var labelStream = OpenResource(labels);
        return IdxReader.Load(imageStream, "demo:" + images, labelStream, "demo:" + labels, "demo",
            FashionMnist.ClassNames, mean, std);
    }

    /// <summary>Opens one of the embedded demo files by its IDX file name.</summary>
    public static Stream OpenResource(string fileName) =>
        typeof(DemoDataset).Assembly.GetManifestResourceStream(Prefix + fileName)
        ?? throw new InvalidOperationException($"embedded resource {Prefix}{fileName} is missing from the library");
}
