using System.IO.Compression;

namespace VpDarts.Tests.Data;

/// <summary><c>folder:X.zip</c> datasets: extracted once into the cache under the same limits and refusals as <c>.tar.gz</c>.</summary>
public class ZipArchiveTests
{
    private static DataOptions Options(TempDir dir, ExtractionLimits? limits = null) =>
        new() { DataDirectory = dir.In("data"), CacheDirectory = dir.In("cache"), DecodeThreads = 1, ExtractionLimits = limits };

    /// <summary>Writes a zip of (name, content, Unix mode or 0) entries and returns its path.</summary>
    private static string Zip(string path, params (string Name, byte[] Content, int UnixMode)[] entries)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using (var zip = ZipFile.Open(path, ZipArchiveMode.Create))
            foreach (var (name, content, mode) in entries)
            {
                var entry = zip.CreateEntry(name, CompressionLevel.Fastest);
                if (mode != 0) entry.ExternalAttributes = mode << 16;
                using var stream = entry.Open();
                stream.Write(content);
            }
        return path;
    }

    private static (string, byte[], int)[] Pets(string root = "pets/") =>
    [
        ($"{root}train/cat/0.png", ArchiveBuilder.Png(4, 10), 0),
        ($"{root}train/dog/0.PNG", ArchiveBuilder.Png(4, 200), 0x81A4),  // a regular file with mode 0644, as zip on Unix stores it
        ($"{root}test/cat/0.png", ArchiveBuilder.Png(4, 20), 0),
        ($"{root}test/dog/0.png", ArchiveBuilder.Png(4, 190), 0),
    ];

    [Theory]
    [InlineData("pets/")]
    [InlineData("")]
    public void A_zip_loads_like_the_folder_it_holds(string root)
    {
        using var dir = new TempDir();
        var archive = Zip(dir.In("pets.zip"), Pets(root));
        using var train = DatasetCatalog.Load("folder:" + archive, "train", Options(dir));
        Assert.Equal(["cat", "dog"], train.ClassNames);
        Assert.Equal([10, 10, 10, 200], new[] { train.Images.bytes[0], train.Images.bytes[16], train.Images.bytes[32], train.Images.bytes[48] });
        using var test = DatasetCatalog.Load("folder:" + archive, "test", Options(dir));
        Assert.Equal(2, test.Count);
        Assert.Equal(train.Mean, test.Mean);
    }

    [Theory]
    [InlineData("../escape.png", 0, "points outside")]
    [InlineData("pets/../../escape.png", 0, "points outside")]
    [InlineData("pets/train/cat/1.png", 0xA1FF, "symbolic link")]
    [InlineData("pets/train/cat/1.png", 0x11A4, "named pipe")]
    public void An_unsafe_entry_fails_the_archive_naming_it_and_nothing_is_kept(string name, int mode, string kind)
    {
        using var dir = new TempDir();
        var archive = Zip(dir.In("pets.zip"), [.. Pets(), (name, "0.png"u8.ToArray(), mode)]);
        var e = Assert.Throws<UserInputException>(() => DatasetCatalog.Load("folder:" + archive, "train", Options(dir)));
        Assert.StartsWith(archive + ":", e.Message);
        Assert.Contains($"'{name}'", e.Message);
        Assert.Contains(kind, e.Message);
        Assert.DoesNotContain('\n', e.Message);
        Assert.False(File.Exists(dir.In("escape.png")));
        Assert.Empty(Directory.GetFileSystemEntries(dir.In("cache", "archives")));
    }

    [Fact]
    public void Extraction_stops_at_the_byte_and_entry_limits()
    {
        using var dir = new TempDir();
        var archive = Zip(dir.In("pets.zip"), [.. Pets(), ("pets/train/cat/big.png", new byte[100_000], 0)]);
        var bytes = Assert.Throws<UserInputException>(() => DatasetCatalog.Load("folder:" + archive, "train", Options(dir, new ExtractionLimits(50_000, 100))));
        Assert.Contains("extraction limit", bytes.Message);
        Assert.Contains(ExtractionLimits.MaxBytesVariable, bytes.Message);
        var entries = Assert.Throws<UserInputException>(() => DatasetCatalog.Load("folder:" + archive, "train", Options(dir, new ExtractionLimits(1L << 30, 3))));
        Assert.Contains(ExtractionLimits.MaxEntriesVariable, entries.Message);
        Assert.Empty(Directory.GetFileSystemEntries(dir.In("cache", "archives")));
    }

    [Fact]
    public void A_corrupt_zip_is_one_line_naming_it()
    {
        using var dir = new TempDir();
        var archive = dir.In("pets.zip");
        File.WriteAllBytes(archive, "PK\u0003\u0004 not really a zip"u8.ToArray());
        var e = Assert.Throws<UserInputException>(() => DatasetCatalog.Load("folder:" + archive, "train", Options(dir)));
        Assert.StartsWith(archive + ":", e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }
}
