using System.Diagnostics;

namespace VpDarts.Tests.Data;

/// <summary>What extracting a dataset archive leaves in the cache after a failure, and after a killed extraction.</summary>
public class ArchiveCleanupTests
{
    /// <summary>The id of a process that has exited (and is not running again).</summary>
    private static int ExitedProcessId()
    {
        using var process = Process.Start(new ProcessStartInfo("true") { UseShellExecute = false })!;
        process.WaitForExit();
        return process.Id;
    }

    [Fact]
    public void Archive_without_split_folders_is_not_kept_in_the_cache()
    {
        using var dir = new TempDir();
        var archive = new ArchiveBuilder().File("stuff/readme.txt", "no splits"u8.ToArray()).File("stuff/blob.bin", new byte[200 << 10])
            .WriteTo(dir.In("stuff.tar.gz"));
        var e = Assert.Throws<UserInputException>(() =>
            DatasetCatalog.Load("folder:" + archive, "train", new DataOptions { CacheDirectory = dir.In("cache") }));
        Assert.Equal($"{archive}: the archive holds no train/ or test/ split folder", e.Message);
        Assert.Equal(["archives"], dir.Entries("cache"));
    }

    [Fact]
    public void Extracted_archive_that_became_unusable_is_deleted()
    {
        using var dir = new TempDir();
        var archive = ArchiveBuilder.Dataset().WriteTo(dir.In("pets.tar.gz"));
        var root = ArchiveFolder.Resolve(archive, dir.In("cache"));
        Assert.Equal("pets", Path.GetFileName(root));
        Assert.True(File.Exists(Path.Combine(root, "train", "dog", "0.png")));

        Directory.Delete(Path.Combine(root, "train"), true);
        var e = Assert.Throws<UserInputException>(() => ArchiveFolder.Resolve(archive, dir.In("cache")));
        Assert.StartsWith(archive + ":", e.Message);
        Assert.Equal(["archives"], dir.Entries("cache"));

        Assert.Equal(root, ArchiveFolder.Resolve(archive, dir.In("cache"))); // extracted afresh
        Assert.True(File.Exists(Path.Combine(root, "train", "dog", "0.png")));
    }

    [Fact]
    public void Staging_folders_of_exited_processes_are_removed_by_the_next_extraction()
    {
        using var dir = new TempDir();
        var archives = Directory.CreateDirectory(dir.In("cache", "archives")).FullName;
        var dead = Path.Combine(archives, $"other-0123456789abcdef.partial-{ExitedProcessId()}");
        var live = Path.Combine(archives, "other-fedcba9876543210.partial-1"); // process 1 always runs
        foreach (var staging in new[] { dead, live })
        {
            Directory.CreateDirectory(Path.Combine(staging, "train", "cat"));
            File.WriteAllBytes(Path.Combine(staging, "train", "cat", "0.png"), new byte[1000]);
        }

        var archive = ArchiveBuilder.Dataset().WriteTo(dir.In("pets.tar.gz"));
        var root = ArchiveFolder.Resolve(archive, dir.In("cache"));
        Assert.False(Directory.Exists(dead));
        Assert.True(Directory.Exists(live));
        Assert.Equal([Path.GetFileName(live), Path.GetRelativePath(archives, Path.GetDirectoryName(root)!)],
            Directory.GetDirectories(archives).Select(p => Path.GetFileName(p)!).Order(StringComparer.Ordinal).ToArray());
    }

    [Fact]
    public void Download_leftovers_of_exited_processes_are_removed_by_the_next_download()
    {
        using var dir = new TempDir();
        var data = Directory.CreateDirectory(dir.In("data")).FullName;
        var pid = ExitedProcessId();
        var deadArchive = Path.Combine(data, $".{DatasetCatalog.Cifar10Folder}.download.partial-{pid}-0123456789ab");
        var deadStaging = Path.Combine(data, $".{DatasetCatalog.Cifar10Folder}.extract.partial-{pid}-0123456789ab");
        var unrelated = Path.Combine(data, "notes.partial-draft");
        File.WriteAllBytes(deadArchive, new byte[1000]);
        Directory.CreateDirectory(Path.Combine(deadStaging, DatasetCatalog.Cifar10Folder));
        File.WriteAllText(unrelated, "not ours");

        var archive = new ArchiveBuilder().File($"{DatasetCatalog.Cifar10Folder}/readme.txt", "x"u8.ToArray()).Build();
        using var server = new LoopbackServer(new Dictionary<string, byte[]> { ["c10.tar.gz"] = archive });
        var source = new DownloadSource(server.Url("c10.tar.gz"), Convert.ToHexStringLower(System.Security.Cryptography.MD5.HashData(archive)));
        DatasetDownloader.EnsureExtracted(source, data, DatasetCatalog.Cifar10Folder);
        Assert.Equal([DatasetCatalog.Cifar10Folder, "notes.partial-draft"], dir.Entries("data").Where(p => !p.Contains('/')).ToArray());
    }
}
