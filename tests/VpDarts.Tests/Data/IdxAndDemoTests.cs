using System.IO.Compression;

namespace VpDarts.Tests.Data;

public class IdxAndDemoTests
{
    private const string DebianFashionMnist = DebianFashionMnistFactAttribute.Folder;

    private static byte[][] Images(int n, int size, int seed) =>
        Enumerable.Range(0, n).Select(i => Writers.Pixels(seed + i, size * size)).ToArray();

    private static (string Images, string Labels) Write(TempDir dir, byte[][] images, byte[] labels, bool gzip, int size = 28)
    {
        var suffix = gzip ? ".gz" : "";
        var (imagesPath, labelsPath) = (dir.In("train-images-idx3-ubyte" + suffix), dir.In("train-labels-idx1-ubyte" + suffix));
        File.WriteAllBytes(imagesPath, Writers.IdxImages(images, size, size, gzip));
        File.WriteAllBytes(labelsPath, Writers.IdxLabels(labels, gzip));
        return (imagesPath, labelsPath);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Reads_plain_and_gzip_idx_files(bool gzip)
    {
        using var dir = new TempDir();
        var images = Images(7, 28, 10);
        byte[] labels = [0, 9, 3, 3, 1, 2, 8];
        var (i, l) = Write(dir, images, labels, gzip);
        using var ds = IdxReader.Load(i, l, "t", FashionMnist.ClassNames);
        Assert.Equal([7L, 1, 28, 28], ds.Images.shape);
        Assert.Equal(labels.Select(b => (long)b), ds.LabelArray);
        using var third = ds.Images[2];
        Assert.Equal(images[2], third.bytes.ToArray());
        var all = images.SelectMany(b => b).Select(b => b / 255.0).ToArray();
        Assert.Equal(all.Average(), ds.Mean[0], 4);
        // IdxReader.Open also finds the file when the other suffix is asked for
        using var reopened = IdxReader.Open(gzip ? i[..^3] : i + ".gz");
        Assert.Equal(7, IdxReader.ReadImages(reopened, i).Count);
    }

    [Fact]
    public void Wrong_magic_is_reported_with_the_file()
    {
        using var dir = new TempDir();
        var (images, labels) = Write(dir, Images(2, 28, 0), [1, 2], gzip: true);
        File.WriteAllBytes(labels, Writers.IdxLabels([1, 2], gzip: true, magic: 2051));
        var e = Assert.Throws<UserInputException>(() => IdxReader.Load(images, labels, "t", FashionMnist.ClassNames));
        Assert.Contains("train-labels-idx1-ubyte.gz", e.Message);
        Assert.Contains("magic", e.Message);
        File.WriteAllBytes(images, Writers.IdxImages(Images(2, 28, 0), 28, 28, gzip: false, magic: 2049));
        e = Assert.Throws<UserInputException>(() => IdxReader.Load(images, labels, "t", FashionMnist.ClassNames));
        Assert.Contains("train-images-idx3-ubyte.gz", e.Message);
        Assert.Contains("2049", e.Message);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Truncated_images_are_reported_with_file_and_record(bool gzip)
    {
        using var dir = new TempDir();
        var (images, labels) = Write(dir, Images(5, 28, 0), [1, 2, 3, 4, 5], gzip: false);
        var cut = File.ReadAllBytes(images)[..(16 + 784 * 3 + 10)];
        File.WriteAllBytes(images, gzip ? Writers.Gzip(cut) : cut);
        var e = Assert.Throws<UserInputException>(() => IdxReader.Load(images, labels, "t", FashionMnist.ClassNames));
        Assert.Contains("train-images-idx3-ubyte", e.Message);
        Assert.Contains("record 3 is incomplete", e.Message);
    }

    [Fact]
    public void Cut_gzip_stream_and_short_header_are_reported()
    {
        using var dir = new TempDir();
        var (images, labels) = Write(dir, Images(50, 28, 0), Enumerable.Repeat((byte)1, 50).ToArray(), gzip: true);
        var bytes = File.ReadAllBytes(images);
        File.WriteAllBytes(images, bytes[..(bytes.Length / 2)]);
        var e = Assert.Throws<UserInputException>(() => IdxReader.Load(images, labels, "t", FashionMnist.ClassNames));
        Assert.Contains("train-images-idx3-ubyte.gz", e.Message);
        Assert.Matches(@"image record (1[89]|2\d|3[01]) is incomplete", e.Message); // about halfway through the 50 images
        File.WriteAllBytes(images, bytes);
        File.WriteAllBytes(labels, [0, 0, 8]);
        e = Assert.Throws<UserInputException>(() => IdxReader.Load(images, labels, "t", FashionMnist.ClassNames));
        Assert.Contains("train-labels-idx1-ubyte.gz", e.Message);
        Assert.Contains("header", e.Message);
    }

    [Fact]
    public void Label_out_of_range_and_count_mismatch_are_reported()
    {
        using var dir = new TempDir();
        var (images, labels) = Write(dir, Images(4, 28, 0), [1, 2, 10, 4], gzip: true);
        var e = Assert.Throws<UserInputException>(() => IdxReader.Load(images, labels, "t", FashionMnist.ClassNames));
        Assert.Contains("train-labels-idx1-ubyte.gz", e.Message);
        Assert.Contains("record 2:", e.Message);
        Assert.Contains("label 10", e.Message);
        File.WriteAllBytes(labels, Writers.IdxLabels([1, 2, 3], gzip: true));
        e = Assert.Throws<UserInputException>(() => IdxReader.Load(images, labels, "t", FashionMnist.ClassNames));
        Assert.Contains("3 labels", e.Message);
    }

    [Fact]
    public void Demo_dataset_loads_from_the_embedded_resources()
    {
        using var train = DatasetCatalog.Load("demo", "train");
        using var test = DatasetCatalog.Load("demo", "test");
        Assert.Equal([2000L, 1, 28, 28], train.Images.shape);
        Assert.Equal([500L, 1, 28, 28], test.Images.shape);
        Assert.Equal(10, train.ClassCount);
        Assert.Equal("Ankle boot", train.ClassNames[9]);
        Assert.All(train.ClassCounts(), c => Assert.Equal(200, c));
        Assert.All(test.ClassCounts(), c => Assert.Equal(50, c));
        Assert.InRange(train.Mean[0], 0.2f, 0.4f);
        Assert.InRange(train.Std[0], 0.25f, 0.45f);
        Assert.Equal(train.Mean, test.Mean); // the test split is normalised with the training statistics
        Assert.Equal("demo", train.Name);
    }

    [DebianFashionMnistFact]
    public void Demo_resources_hold_the_first_images_of_each_class_of_fashion_mnist()
    {
        foreach (var (prefix, perClass) in new[] { ("train", 200), ("t10k", 50) })
        {
            var (pixels, count, rows, _) = IdxReader.ReadImages(File.OpenRead($"{DebianFashionMnist}/{prefix}-images-idx3-ubyte.gz"), prefix);
            var labels = IdxReader.ReadLabels(File.OpenRead($"{DebianFashionMnist}/{prefix}-labels-idx1-ubyte.gz"), prefix);
            var taken = new int[10];
            var chosen = Enumerable.Range(0, count).Where(i => taken[labels[i]]++ < perClass).ToArray();
            var expectedPixels = chosen.SelectMany(i => pixels.AsSpan(i * rows * rows, rows * rows).ToArray()).ToArray();

            using var demoImages = DemoDataset.OpenResource($"{prefix}-images-idx3-ubyte.gz");
            using var demoLabels = DemoDataset.OpenResource($"{prefix}-labels-idx1-ubyte.gz");
            Assert.Equal(expectedPixels, IdxReader.ReadImages(demoImages, prefix).Pixels);
            Assert.Equal(chosen.Select(i => labels[i]), IdxReader.ReadLabels(demoLabels, prefix));
        }
    }

    [DebianFashionMnistFact]
    public void Fashion_mnist_loads_from_the_debian_package()
    {
        var options = new DataOptions { DataDirectory = Path.Combine(Path.GetTempPath(), "vpdarts-no-downloads"), AllowDownload = false };
        using var test = DatasetCatalog.Load("fashion-mnist", "test", options);
        Assert.Equal([10000L, 1, 28, 28], test.Images.shape);
        Assert.All(test.ClassCounts(), c => Assert.Equal(1000, c));
        Assert.InRange(test.Mean[0], 0.28f, 0.29f); // Fashion-MNIST training mean is 0.2860
        Assert.InRange(test.Std[0], 0.35f, 0.36f);  // and standard deviation 0.3530
    }

    [Fact]
    public void Gzip_check_of_the_resource_format()
    {
        // the embedded files are gzip streams, like the published ones
        using var stream = DemoDataset.OpenResource("t10k-labels-idx1-ubyte.gz");
        Assert.Equal(0x1f, stream.ReadByte());
        Assert.Equal(0x8b, stream.ReadByte());
        using var again = new GZipStream(DemoDataset.OpenResource("t10k-labels-idx1-ubyte.gz"), CompressionMode.Decompress);
        Assert.Equal(IdxReader.LabelsMagic, (again.ReadByte() << 24) | (again.ReadByte() << 16) | (again.ReadByte() << 8) | again.ReadByte());
    }
}
