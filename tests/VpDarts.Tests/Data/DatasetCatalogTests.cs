using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace VpDarts.Tests.Data;

public class DatasetCatalogTests
{
    [Fact]
    public void Unknown_spec_lists_the_valid_ones_and_bad_split_is_named()
    {
        var e = Assert.Throws<UserInputException>(() => DatasetCatalog.Load("mnist", "train"));
        Assert.Contains("'mnist'", e.Message);
        foreach (var spec in new[] { "cifar10", "cifar100", "fashion-mnist", "imagenet16-120", "demo", "folder:PATH" })
            Assert.Contains(spec, e.Message);
        e = Assert.Throws<UserInputException>(() => DatasetCatalog.Load("demo", "valid"));
        Assert.Contains("'valid'", e.Message);
        e = Assert.Throws<UserInputException>(() => DatasetCatalog.Load("folder:", "train"));
        Assert.Contains("folder:", e.Message);
    }

    [Fact]
    public void Missing_data_with_downloads_disabled_names_the_folder()
    {
        using var dir = new TempDir();
        var options = new DataOptions { DataDirectory = dir.Path, AllowDownload = false, FashionMnistDirectory = dir.In("none") };
        var e = Assert.Throws<UserInputException>(() => DatasetCatalog.Load("cifar100", "test", options));
        Assert.Contains(DatasetCatalog.Cifar100Folder, e.Message);
        e = Assert.Throws<UserInputException>(() => DatasetCatalog.Load("fashion-mnist", "test", options));
        Assert.Contains("fashion-mnist", e.Message);
        e = Assert.Throws<UserInputException>(() => DatasetCatalog.Load("imagenet16-120", "train", options));
        Assert.Contains("ImageNet16", e.Message);
        Assert.Empty(dir.Entries());
    }

    [Fact]
    public void Specs_route_to_their_readers()
    {
        using var dir = new TempDir();
        CifarBinaryTests.WriteCifar10(dir.In(DatasetCatalog.Cifar10Folder), perFile: 1);
        for (var i = 0; i < 3; i++)
        {
            Directory.CreateDirectory(dir.In("pets", "test", "cat"));
            using var image = new Image<Rgb24>(6, 6, new Rgb24((byte)i, 0, 0));
            image.SaveAsPng(dir.In("pets", "test", "cat", $"{i}.png"));
        }
        var options = new DataOptions
        {
            DataDirectory = dir.Path,
            CacheDirectory = dir.In("cache"),
            AllowDownload = false,
            ImageNet16Directory = Path.Combine(Shared.RepoRoot, "tests", "VpDarts.Tests", "Data", "Fixtures", "ImageNet16"),
        };
        using (var cifar = DatasetCatalog.Load(" CIFAR10 ", "train", options)) Assert.Equal(5, cifar.Count);
        using (var folder = DatasetCatalog.Load("folder:" + dir.In("pets"), "test", options))
        {
            Assert.Equal(["cat"], folder.ClassNames);
            Assert.Equal([3L, 3, 6, 6], folder.Images.shape);
        }
        Assert.NotEmpty(dir.Files("cache"));
        using (var inet = DatasetCatalog.Load("imagenet16-120", "test", options)) Assert.Equal(3, inet.Count);
        using (var demo = DatasetCatalog.Load("Demo", "test", options)) Assert.Equal(500, demo.Count);
    }
}
