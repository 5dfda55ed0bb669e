using System.Security.Cryptography;

namespace VpDarts.Tests.Data;

public class DownloadTests
{
    private static byte[] Cifar10Archive(TempDir scratch)
    {
        var folder = scratch.In("src", DatasetCatalog.Cifar10Folder);
        CifarBinaryTests.WriteCifar10(folder, perFile: 2);
        var files = Directory.GetFiles(folder).ToDictionary(f => $"{DatasetCatalog.Cifar10Folder}/{Path.GetFileName(f)}", File.ReadAllBytes);
        files["readme.txt"] = "made by the tests"u8.ToArray();
        return Writers.TarGz(files);
    }

    private static string Md5(byte[] bytes) => Convert.ToHexStringLower(MD5.HashData(bytes));

    [Fact]
    public void Cifar10_is_downloaded_checked_extracted_and_then_reused()
    {
        using var scratch = new TempDir();
        var archive = Cifar10Archive(scratch);
        using var server = new LoopbackServer(new Dictionary<string, byte[]> { ["kriz/cifar-10-binary.tar.gz"] = archive });
        using var data = new TempDir();
        var options = new DataOptions
        {
            DataDirectory = data.Path,
            CacheDirectory = data.In("cache"),
            Cifar10Source = new DownloadSource(server.Url("kriz/cifar-10-binary.tar.gz"), Md5(archive)),
        };

        using (var train = DatasetCatalog.Load("cifar10", "train", options))
        {
            Assert.Equal(10, train.Count);
            Assert.Equal([0L, 1, 1, 2, 2, 3, 3, 4, 4, 5], train.LabelArray);
        }
        Assert.Equal(1, server.Requests);
        // only the extracted folder remains: no archive, no staging folder
        Assert.Equal([DatasetCatalog.Cifar10Folder], Directory.GetFileSystemEntries(data.Path).Select(p => Path.GetFileName(p)!).ToArray());
        Assert.True(File.Exists(data.In(DatasetCatalog.Cifar10Folder, "test_batch.bin")));

        using (var test = DatasetCatalog.Load("cifar10", "test", options)) Assert.Equal(2, test.Count);
        Assert.Equal(1, server.Requests);
    }

    [Fact]
    public void Wrong_checksum_fails_and_leaves_nothing_behind()
    {
        using var scratch = new TempDir();
        var archive = Cifar10Archive(scratch);
        using var server = new LoopbackServer(new Dictionary<string, byte[]> { ["c10.tar.gz"] = archive });
        using var data = new TempDir();
        var options = new DataOptions
        {
            DataDirectory = data.Path,
            Cifar10Source = new DownloadSource(server.Url("c10.tar.gz"), "00000000000000000000000000000000"),
        };
        var e = Assert.Throws<UserInputException>(() => DatasetCatalog.Load("cifar10", "train", options));
        Assert.Contains("c10.tar.gz", e.Message);
        Assert.Contains("MD5", e.Message);
        Assert.Contains(Md5(archive), e.Message);
        Assert.Empty(data.Entries());
        Assert.Equal(1, server.Requests);
    }

    [Fact]
    public void Cifar100_download_and_extract()
    {
        using var scratch = new TempDir();
        var folder = scratch.In(DatasetCatalog.Cifar100Folder);
        CifarBinaryTests.WriteCifar100(folder, train: 5, test: 3);
        var archive = Writers.TarGz(Directory.GetFiles(folder).ToDictionary(f => $"{DatasetCatalog.Cifar100Folder}/{Path.GetFileName(f)}", File.ReadAllBytes));
        using var server = new LoopbackServer(new Dictionary<string, byte[]> { ["c100.tgz"] = archive });
        using var data = new TempDir();
        var options = new DataOptions { DataDirectory = data.Path, Cifar100Source = new DownloadSource(server.Url("c100.tgz"), Md5(archive)) };
        using var test = DatasetCatalog.Load("cifar100", "test", options);
        Assert.Equal(3, test.Count);
        Assert.Equal("fine3", test.ClassNames[3]);
        Assert.Equal([DatasetCatalog.Cifar100Folder], Directory.GetFileSystemEntries(data.Path).Select(p => Path.GetFileName(p)!).ToArray());
    }

    [Fact]
    public void Archive_without_the_expected_folder_or_http_error_leaves_nothing()
    {
        var archive = Writers.TarGz(new Dictionary<string, byte[]> { ["other/file.bin"] = [1, 2, 3] });
        using var server = new LoopbackServer(new Dictionary<string, byte[]> { ["a.tar.gz"] = archive, ["junk.tar.gz"] = [1, 2, 3, 4] });
        using var data = new TempDir();
        var wrongLayout = Assert.Throws<UserInputException>(() => DatasetDownloader.EnsureExtracted(
            new DownloadSource(server.Url("a.tar.gz"), Md5(archive)), data.Path, DatasetCatalog.Cifar10Folder));
        Assert.Contains(DatasetCatalog.Cifar10Folder, wrongLayout.Message);
        var corrupt = Assert.Throws<UserInputException>(() => DatasetDownloader.EnsureExtracted(
            new DownloadSource(server.Url("junk.tar.gz"), Md5([1, 2, 3, 4])), data.Path, DatasetCatalog.Cifar10Folder));
        Assert.Contains("junk.tar.gz", corrupt.Message);
        var missing = Assert.Throws<UserInputException>(() => DatasetDownloader.EnsureExtracted(
            new DownloadSource(server.Url("nothing-here.tar.gz"), Md5(archive)), data.Path, DatasetCatalog.Cifar10Folder));
        Assert.Contains("404", missing.Message);
        Assert.Empty(data.Entries());
    }

    [Fact]
    public void Fashion_mnist_files_are_downloaded_when_no_local_copy_exists()
    {
        var rng = new Random(3);
        byte[][] Images(int n) => Enumerable.Range(0, n).Select(_ => { var b = new byte[784]; rng.NextBytes(b); return b; }).ToArray();
        var files = new Dictionary<string, byte[]>
        {
            ["train-images-idx3-ubyte.gz"] = Writers.IdxImages(Images(20), 28, 28, gzip: true),
            ["train-labels-idx1-ubyte.gz"] = Writers.IdxLabels(Enumerable.Range(0, 20).Select(i => (byte)(i % 10)).ToArray(), gzip: true),
            ["t10k-images-idx3-ubyte.gz"] = Writers.IdxImages(Images(5), 28, 28, gzip: true),
            ["t10k-labels-idx1-ubyte.gz"] = Writers.IdxLabels([9, 8, 7, 6, 5], gzip: true),
        };
        using var server = new LoopbackServer(files.ToDictionary(f => "fm/" + f.Key, f => f.Value));
        using var data = new TempDir();
        var md5 = files.ToDictionary(f => f.Key, f => Md5(f.Value));
        var options = new DataOptions
        {
            DataDirectory = data.Path,
            FashionMnistDirectory = data.In("no-such-folder"),
            FashionMnistBaseUrl = server.Url("fm/"),
            FashionMnistMd5 = md5,
        };
        using (var test = DatasetCatalog.Load("fashion-mnist", "test", options))
        {
            Assert.Equal([9L, 8, 7, 6, 5], test.LabelArray);
            Assert.Equal([1L, 28, 28], test.Images.shape[1..]);
        }
        Assert.Equal(FashionMnist.FileNames.Order(), data.Entries("fashion-mnist"));

        // a wrong checksum for one file: that file is not kept, the error names it
        using var data2 = new TempDir();
        var bad = new Dictionary<string, string>(md5) { ["t10k-images-idx3-ubyte.gz"] = "ffffffffffffffffffffffffffffffff" };
        var e = Assert.Throws<UserInputException>(() =>
            DatasetCatalog.Load("fashion-mnist", "train", new DataOptions
            {
                DataDirectory = data2.Path, FashionMnistDirectory = data2.In("none"), FashionMnistBaseUrl = server.Url("fm/"), FashionMnistMd5 = bad,
            }));
        Assert.Contains("t10k-images-idx3-ubyte.gz", e.Message);
        Assert.DoesNotContain(data2.Entries("fashion-mnist"), n => n.Contains("t10k-images") || n.Contains(".tmp"));
    }
}
