using System.Security.Cryptography;

namespace VpDarts.Tests.Data;

/// <summary>Downloads report their size, then how far they have got; a log gets a line per 10 %, not one per read.</summary>
public sealed class DownloadProgressTests
{
    private static byte[] Cifar10Archive(TempDir scratch)
    {
        var folder = scratch.In("src", DatasetCatalog.Cifar10Folder);
        CifarBinaryTests.WriteCifar10(folder, perFile: 2);
        return Writers.TarGz(Directory.GetFiles(folder).ToDictionary(f => $"{DatasetCatalog.Cifar10Folder}/{Path.GetFileName(f)}", File.ReadAllBytes));
    }

    private static string[] Download(bool chunked)
    {
        using var scratch = new TempDir();
        var archive = Cifar10Archive(scratch);
        using var server = new LoopbackServer(new Dictionary<string, byte[]> { ["kriz/cifar-10-binary.tar.gz"] = archive }) { Chunked = chunked };
        using var data = new TempDir();
        var log = new StringWriter();
        var options = new DataOptions
        {
            DataDirectory = data.Path,
            CacheDirectory = data.In("cache"),
            Cifar10Source = new DownloadSource(server.Url("kriz/cifar-10-binary.tar.gz"), Convert.ToHexStringLower(MD5.HashData(archive))),
            DownloadProgress = new DownloadLog(log, interactive: false),
        };
        using (var train = DatasetCatalog.Load("cifar10", "train", options)) Assert.Equal(10, train.Count);
        var lines = log.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith($"downloaded cifar-10-binary.tar.gz {DownloadLog.Size(archive.Length)} in ", lines[^1]);
        Assert.DoesNotContain('\r', log.ToString());
        return lines;
    }

    [Fact]
    public void AKnownSizeIsStatedFirstThenThePercentage()
    {
        var lines = Download(chunked: false);
        Assert.Matches(@"^downloading cifar-10-binary\.tar\.gz \d+\.\d kB$", lines[0]);
        Assert.Contains(lines, l => l.TrimStart().StartsWith("100% ") && l.Contains(" of ") && l.Contains("/s"));
    }

    [Fact]
    public void AnUnknownSizeIsSaidSo()
    {
        var lines = Download(chunked: true);
        Assert.Equal("downloading cifar-10-binary.tar.gz (size unknown)", lines[0]);
    }

    [Fact]
    public void ALogGetsOneLinePerTenthNotOnePerRead()
    {
        var log = new StringWriter();
        var progress = new DownloadLog(log, interactive: false);
        for (var bytes = 0; bytes <= 170_500_000; bytes += 500_000)
            progress.Report(new DownloadProgress("cifar-10-binary.tar.gz", bytes, 170_500_000, TimeSpan.FromSeconds(bytes / 10e6), false));
        progress.Report(new DownloadProgress("cifar-10-binary.tar.gz", 170_500_000, 170_500_000, TimeSpan.FromSeconds(17.05), true));

        var lines = log.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("downloading cifar-10-binary.tar.gz 170.5 MB", lines[0]);
        Assert.Equal(["10%", "20%", "30%", "40%", "50%", "60%", "70%", "80%", "90%", "100%"], lines[1..^1].Select(l => l.Trim().Split(' ')[0]));
        Assert.StartsWith("   50% 85.5 MB of 170.5 MB, 10.0 MB/s, eta 0:08", lines[5]);
        Assert.Equal("downloaded cifar-10-binary.tar.gz 170.5 MB in 0:17 (10.0 MB/s)", lines[^1]);
    }
}
