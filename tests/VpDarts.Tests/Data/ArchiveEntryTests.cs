using System.Formats.Tar;
using System.Security.Cryptography;

namespace VpDarts.Tests.Data;

/// <summary>Only regular files and folders come out of a dataset archive; anything else fails it, naming the entry.</summary>
public class ArchiveEntryTests
{
    private static DataOptions Options(TempDir dir) => new() { DataDirectory = dir.In("data"), CacheDirectory = dir.In("cache") };

    [Theory]
    [InlineData(TarEntryType.Fifo, "pets/train/dog/1.png", null, "named pipe")]
    [InlineData(TarEntryType.CharacterDevice, "pets/train/dog/1.png", null, "character device")]
    [InlineData(TarEntryType.BlockDevice, "pets/train/dog/1.png", null, "block device")]
    [InlineData(TarEntryType.SymbolicLink, "pets/train/dog/1.png", "0.png", "symbolic link")]
    [InlineData(TarEntryType.SymbolicLink, "pets/train/dog/2.png", "/etc/passwd", "symbolic link")]
    [InlineData(TarEntryType.HardLink, "pets/train/dog/1.png", "pets/train/dog/0.png", "hard link")]
    public void Entry_that_is_not_a_regular_file_fails_the_archive_and_nothing_is_kept(TarEntryType type, string name, string? link, string kind)
    {
        using var dir = new TempDir();
        var archive = ArchiveBuilder.Dataset().Entry(type, name, link).WriteTo(dir.In("pets.tar.gz"));

        var e = HangGuard.Throws<UserInputException>(() => DatasetCatalog.Load("folder:" + archive, "train", Options(dir)));
        Assert.StartsWith(archive + ":", e.Message);
        Assert.Contains($"'{name}'", e.Message);
        Assert.Contains(kind, e.Message);
        Assert.DoesNotContain('\n', e.Message);
        Assert.DoesNotContain(dir.Entries(), p => p.StartsWith("cache", StringComparison.Ordinal) && p != "cache" && p != Path.Combine("cache", "archives"));
    }

    [Theory]
    [InlineData("../escape.png")]
    [InlineData("pets/../../escape.png")]
    public void Entry_outside_the_extraction_folder_is_refused(string name)
    {
        using var dir = new TempDir();
        var archive = ArchiveBuilder.Dataset().File(name, [1, 2, 3]).WriteTo(dir.In("pets.tar.gz"));
        var e = Assert.Throws<UserInputException>(() => DatasetCatalog.Load("folder:" + archive, "train", Options(dir)));
        Assert.StartsWith(archive + ":", e.Message);
        Assert.DoesNotContain('\n', e.Message);
        Assert.DoesNotContain(dir.Entries(), p => p.EndsWith("escape.png", StringComparison.Ordinal));
        Assert.DoesNotContain(dir.Entries(), p => p.StartsWith("cache", StringComparison.Ordinal) && p != "cache" && p != Path.Combine("cache", "archives"));
    }

    [Fact]
    public void Downloaded_archive_with_a_named_pipe_fails_and_leaves_nothing()
    {
        var archive = new ArchiveBuilder().File($"{DatasetCatalog.Cifar10Folder}/readme.txt", "x"u8.ToArray())
            .Entry(TarEntryType.Fifo, $"{DatasetCatalog.Cifar10Folder}/test_batch.bin").Build();
        using var server = new LoopbackServer(new Dictionary<string, byte[]> { ["c10.tar.gz"] = archive });
        using var dir = new TempDir();
        var source = new DownloadSource(server.Url("c10.tar.gz"), Convert.ToHexStringLower(MD5.HashData(archive)));

        var error = HangGuard.Throws<UserInputException>(() =>
            DatasetDownloader.EnsureExtracted(source, dir.In("data"), DatasetCatalog.Cifar10Folder));
        Assert.StartsWith(source.Url + ":", error.Message);
        Assert.Contains($"'{DatasetCatalog.Cifar10Folder}/test_batch.bin'", error.Message);
        Assert.Contains("named pipe", error.Message);
        Assert.Empty(dir.Entries("data"));
    }
}
