using System.Security.Cryptography;

namespace VpDarts.Tests.Data;

/// <summary>Extraction stops at a limit on the bytes written and on the number of entries, and the cache is left clean.</summary>
public class ArchiveLimitTests
{
    private static readonly ExtractionLimits Small = new(MaxBytes: 1 << 20, MaxEntries: 50);

    private static DataOptions Options(TempDir dir) =>
        new() { DataDirectory = dir.In("data"), CacheDirectory = dir.In("cache"), ExtractionLimits = Small };

    private static string[] CacheEntries(TempDir dir) =>
        dir.Entries("cache").Where(p => p != "archives").ToArray();

    [Fact]
    public void Archive_expanding_past_the_byte_limit_fails_and_leaves_nothing()
    {
        using var dir = new TempDir();
        var archive = ArchiveBuilder.Dataset().File("pets/train/dog/big.bin", new byte[3 << 20]).WriteTo(dir.In("pets.tar.gz"));
        Assert.True(new FileInfo(archive).Length < 64 << 10); // zeros: a small file that expands a lot

        var e = Assert.Throws<UserInputException>(() => DatasetCatalog.Load("folder:" + archive, "train", Options(dir)));
        Assert.StartsWith(archive + ":", e.Message);
        Assert.Contains("1 MiB", e.Message);
        Assert.Contains(ExtractionLimits.MaxBytesVariable, e.Message);
        Assert.DoesNotContain('\n', e.Message);
        Assert.Empty(CacheEntries(dir));
    }

    [Fact]
    public void Extraction_stops_before_writing_past_the_byte_limit()
    {
        using var dir = new TempDir();
        var archive = new ArchiveBuilder()
            .File("a.bin", new byte[600 << 10]).File("b.bin", new byte[600 << 10]).File("c.bin", new byte[600 << 10])
            .WriteTo(dir.In("three.tar.gz"));
        var e = Assert.Throws<UserInputException>(() => TarGzExtractor.Extract(archive, dir.In("out"), "three.tar.gz", Small));
        Assert.StartsWith("three.tar.gz:", e.Message);
        Assert.Equal(600 << 10, new FileInfo(dir.In("out", "a.bin")).Length);
        Assert.InRange(new FileInfo(dir.In("out", "b.bin")).Length, 0, (1 << 20) - (600 << 10));
        Assert.False(File.Exists(dir.In("out", "c.bin")));
    }

    [Fact]
    public void Archive_with_more_entries_than_the_limit_fails_and_leaves_nothing()
    {
        using var dir = new TempDir();
        var builder = ArchiveBuilder.Dataset();
        for (var i = 0; i < 60; i++) builder.File($"pets/train/cat/{i + 1}.txt", [(byte)i]);
        var archive = builder.WriteTo(dir.In("pets.tar.gz"));

        var e = Assert.Throws<UserInputException>(() => DatasetCatalog.Load("folder:" + archive, "train", Options(dir)));
        Assert.StartsWith(archive + ":", e.Message);
        Assert.Contains("50 entries", e.Message);
        Assert.Contains(ExtractionLimits.MaxEntriesVariable, e.Message);
        Assert.Empty(CacheEntries(dir));
    }

    [Fact]
    public void Downloaded_archive_is_extracted_under_the_same_limits()
    {
        var archive = new ArchiveBuilder().File($"{DatasetCatalog.Cifar10Folder}/data_batch_1.bin", new byte[2 << 20]).Build();
        using var server = new LoopbackServer(new Dictionary<string, byte[]> { ["c10.tar.gz"] = archive });
        using var dir = new TempDir();
        var options = new DataOptions
        {
            DataDirectory = dir.In("data"),
            ExtractionLimits = Small,
            Cifar10Source = new DownloadSource(server.Url("c10.tar.gz"), Convert.ToHexStringLower(MD5.HashData(archive))),
        };
        var e = Assert.Throws<UserInputException>(() => DatasetCatalog.Load("cifar10", "train", options));
        Assert.StartsWith(server.Url("c10.tar.gz") + ":", e.Message);
        Assert.Contains(ExtractionLimits.MaxBytesVariable, e.Message);
        Assert.Empty(dir.Entries("data"));
    }

    [Fact]
    public void Cifar10_jpeg_archive_extracts_within_the_default_limits()
    {
        using var dir = new TempDir();
        var root = ArchiveFolder.Resolve(CifarJpeg.Archive, dir.In("cache"), ExtractionLimits.Default);
        Assert.Equal("cifar10-jpeg", Path.GetFileName(root));
        Assert.Equal(10_000, Directory.EnumerateFiles(Path.Combine(root, "test"), "*", SearchOption.AllDirectories).Count());
        Assert.Equal(50_000, Directory.EnumerateFiles(Path.Combine(root, "train"), "*", SearchOption.AllDirectories).Count());
    }
}
