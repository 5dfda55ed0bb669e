using System.Diagnostics;
using VpDarts.Tests.Cli;

namespace VpDarts.Tests.Reliability;

/// <summary>
/// <c>--out</c> on a read-only or a full file system: a one-line error naming the path, and no half-written files.
/// Uses small tmpfs mounts (the tests run as root here); a read-only place under /proc stands in where mounting is
/// not allowed.
/// </summary>
public sealed class DiskFaultTests() : TempFolderTests("vpdarts-disk-")
{
    private readonly List<string> _mounts = [];

    public override void Dispose()
    {
        foreach (var mount in _mounts) ChildProcess.ExitCode("umount", mount);
        base.Dispose();
    }

    private static readonly string[] Tiny =
        ["search", "--preset", "demo", "--epochs", "2", "--warmup", "1", "--channels", "4", "--train-limit", "100", "--valid-limit", "50", "--threads", "1"];

    private string? Mount(string name, string options)
    {
        var path = In(name);
        Directory.CreateDirectory(path);
        if (ChildProcess.ExitCode("mount", "-t", "tmpfs", "-o", options, "tmpfs", path) != 0) return null;
        _mounts.Add(path);
        return path;
    }

    [Fact]
    public void ReadOnlyOutputFolderIsAOneLineError()
    {
        var readOnly = Mount("ro", "ro,size=64k");
        var target = readOnly is null ? "/proc/vpdarts-run" : Path.Combine(readOnly, "run");
        var result = CliHarness.Run([.. Tiny, "--out", target]);
        Assert.Equal(2, result.ExitCode);
        Assert.Single(result.ErrLines);
        Assert.Contains(target, result.Err);
    }

    [Fact]
    public void FullDiskStopsWithAOneLineErrorAndLeavesNoTemporaryFiles()
    {
        var full = Mount("full", "size=48k");
        Assert.True(full is not null, "mounting a tmpfs failed; this test needs root (CI runs as root)");
        var target = Path.Combine(full!, "run");
        var result = CliHarness.Run([.. Tiny, "--out", target]);
        Assert.Equal(2, result.ExitCode);
        Assert.Single(result.ErrLines);
        Assert.Contains(full!, result.Err);
        Assert.Contains("cannot write", result.Err);
        var leftovers = Directory.EnumerateFileSystemEntries(full!, "*", SearchOption.AllDirectories)
            .Where(p => p.EndsWith(".tmp") || Path.GetFileName(p).StartsWith(".partial")).ToList();
        Assert.Empty(leftovers);
    }

    [Fact]
    public void ADataCacheThatCannotBeWrittenOnlyCostsTimeOnTheNextLoad()
    {
        var data = In("data");
        for (var c = 0; c < 2; c++)
            for (var i = 0; i < 3; i++)
            {
                Directory.CreateDirectory(Path.Combine(data, "train", $"class{c}"));
                using var image = new SixLabors.ImageSharp.Image<SixLabors.ImageSharp.PixelFormats.Rgb24>(8, 8);
                SixLabors.ImageSharp.ImageExtensions.SaveAsPng(image, Path.Combine(data, "train", $"class{c}", $"{i}.png"));
            }
        var full = Mount("cache", "size=16k");
        Assert.True(full is not null, "mounting a tmpfs failed; this test needs root (CI runs as root)");
        using (var filler = File.Create(Path.Combine(full!, "filler")))
        {
            try { filler.Write(new byte[64 << 10]); filler.Flush(flushToDisk: true); }
            catch (IOException) { }  // full: the point
        }

        for (var load = 0; load < 2; load++)
        {
            using var dataset = VpDarts.Data.ImageFolderReader.Load(data, "train", full!, 1, out var fromCache);
            Assert.False(fromCache);
            Assert.Equal([6L, 3, 8, 8], dataset.Images.shape);
        }
        Assert.Equal(["filler"], Directory.EnumerateFileSystemEntries(full!, "*", SearchOption.AllDirectories)
            .Where(File.Exists).Select(Path.GetFileName));
    }
}
