using System.Security.Cryptography;
using VpDarts.Runtime;

namespace VpDarts.Data;

/// <summary>
/// Downloads dataset files, checks their MD5 and unpacks <c>.tar.gz</c> archives. Every step writes beside its
/// target and renames at the end, so an interrupted or failed download leaves nothing behind.
/// </summary>
public static class DatasetDownloader
{
    private static readonly Lazy<HttpClient> DefaultClient =
        new(() => new HttpClient { Timeout = TimeSpan.FromHours(1) });

    /// <summary>
    /// Returns <c>dataDirectory/folderName</c>, first downloading the archive from <paramref name="source"/>,
    /// checking its MD5 and extracting it, when that folder does not exist yet.
    /// </summary>
    /// <param name="source">Archive URL and checksum.</param>
    /// <param name="dataDirectory">Folder to extract into.</param>
    /// <param name="folderName">Top-level folder the archive must contain, e.g. <c>cifar-10-batches-bin</c>.</param>
    /// <param name="http">HTTP client, or null for a shared default.</param>
    /// <param name="limits">Bounds on the extraction; null for <see cref="ExtractionLimits.FromEnvironment"/>.</param>
    /// <param name="progress">Hears how far the download has got; null for
    /// <see cref="DownloadLog.StandardError"/>.</param>
    /// <exception cref="UserInputException">The download failed, its checksum is wrong, or the archive is
    /// unusable.</exception>
    public static string EnsureExtracted(DownloadSource source, string dataDirectory, string folderName,
        HttpClient? http = null, ExtractionLimits? limits = null, IProgress<DownloadProgress>? progress = null)
    {
        var target = Path.Combine(dataDirectory, folderName);
        if (Directory.Exists(target)) return target;
        Directory.CreateDirectory(dataDirectory);

        StagingPaths.RemoveStale(dataDirectory);
        var archive = StagingPaths.ForUnique(Path.Combine(dataDirectory, "." + folderName + ".download"));
        var staging = StagingPaths.ForUnique(Path.Combine(dataDirectory, "." + folderName + ".extract"));
        try
        {
            DownloadTo(source, archive, http, progress);
            TarGzExtractor.Extract(archive, staging, source.Url.ToString(),
                limits ?? ExtractionLimits.FromEnvironment());
            var extracted = Path.Combine(staging, folderName);
            if (!Directory.Exists(extracted))
                throw new UserInputException($"{source.Url}: the archive does not contain the folder '{folderName}'");
            try
            {
                Directory.Move(extracted, target);
            }
            catch (IOException) when (Directory.Exists(target))
            {
                // another process finished the same download first; its copy is complete
            }
            return target;
        }
        finally
        {
            AtomicFile.TryDelete(archive);
            AtomicFile.TryDeleteDirectory(staging);
        }
    }

    /// <summary>
    /// Downloads <paramref name="source"/> to <paramref name="destination"/> unless that file exists already,
    /// checking the MD5 before the file appears under its final name. How far it has got goes to
    /// <paramref name="progress"/> (null: <see cref="DownloadLog.StandardError"/>).
    /// </summary>
    /// <exception cref="UserInputException">The download failed or its checksum is wrong (nothing is left
    /// behind).</exception>
    public static void DownloadFile(DownloadSource source, string destination, HttpClient? http = null,
        IProgress<DownloadProgress>? progress = null)
    {
        if (File.Exists(destination)) return;
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(destination))!);
        var temp = AtomicFile.TempSibling(destination);
        try
        {
            DownloadTo(source, temp, http, progress);
            File.Move(temp, destination, overwrite: true);
        }
        finally
        {
            AtomicFile.TryDelete(temp);
        }
    }

    /// <summary>Lower-case hexadecimal MD5 of a file.</summary>
    public static string ComputeMd5(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(MD5.HashData(stream));
    }

    private static void DownloadTo(DownloadSource source, string path, HttpClient? http,
        IProgress<DownloadProgress>? progress)
    {
        progress ??= DownloadLog.StandardError;
        var name = Path.GetFileName(source.Url.LocalPath) is { Length: > 0 } urlName ? urlName : source.Url.ToString();
        var clock = Stopwatch.StartNew();
        string actual;
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, source.Url);
            using var response = (http ?? DefaultClient.Value).Send(request, HttpCompletionOption.ResponseHeadersRead);
            if (!response.IsSuccessStatusCode)
                throw new UserInputException(
                    $"{source.Url}: download failed with HTTP {(int)response.StatusCode} {response.ReasonPhrase}");
            var total = response.Content.Headers.ContentLength;
            long received = 0;
            progress.Report(new DownloadProgress(name, 0, total, clock.Elapsed, false));
            using var body = response.Content.ReadAsStream();
            using var md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
            using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 20))
            {
                var buffer = new byte[1 << 20];
                int read;
                while ((read = body.Read(buffer)) > 0)
                {
                    md5.AppendData(buffer, 0, read);
                    file.Write(buffer, 0, read);
                    received += read;
                    progress.Report(new DownloadProgress(name, received, total, clock.Elapsed, false));
                }
                file.Flush(true);
            }
            progress.Report(new DownloadProgress(name, received, total, clock.Elapsed, true));
            actual = Convert.ToHexStringLower(md5.GetHashAndReset());
        }
        catch (HttpRequestException e)
        {
            throw new UserInputException($"{source.Url}: download failed: {OneLine(e.Message)}", e);
        }
        catch (TaskCanceledException e)
        {
            throw new UserInputException($"{source.Url}: download timed out", e);
        }
        catch (IOException e) when (e is not EndOfStreamException)
        {
            throw new UserInputException($"{source.Url}: download failed: {OneLine(e.Message)}", e);
        }

        if (!string.Equals(actual, source.Md5, StringComparison.OrdinalIgnoreCase))
            throw new UserInputException(
                $"{source.Url}: MD5 checksum mismatch (expected {source.Md5.ToLowerInvariant()}, got {actual}); the " +
                "download was discarded");
    }

    internal static string OneLine(string text)
        => string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries));
}
