using System.Security.Cryptography;
using VpDarts.Runtime;

namespace VpDarts.Data;

/// <summary>
/// Lets <c>folder:</c> datasets come as a <c>.tar.gz</c> or <c>.zip</c>: the archive is extracted once into the cache
/// (staging folder, then rename), keyed by its path, size and time, and the folder holding the split folders is
/// returned. Extraction is bounded by <see cref="ExtractionLimits"/>. Nothing is kept from an extraction that fails or
/// that yields no split folder, and staging folders left by killed processes are removed by the next extraction.
/// </summary>
public static class ArchiveFolder
{
    /// <summary>Whether <paramref name="path"/> names a gzip'd tar archive or a zip archive.</summary>
    public static bool IsArchive(string path) => IsTarGz(path) || IsZip(path);

    private static bool IsTarGz(string path) =>
        path.EndsWith(".tar.gz", StringComparison.OrdinalIgnoreCase)
            || path.EndsWith(".tgz", StringComparison.OrdinalIgnoreCase);

    private static bool IsZip(string path) => path.EndsWith(".zip", StringComparison.OrdinalIgnoreCase);

    /// <summary>The dataset root inside the extracted archive (extracting it first if needed).</summary>
    /// <param name="archive">The <c>.tar.gz</c>, <c>.tgz</c> or <c>.zip</c> file.</param>
    /// <param name="cacheDirectory">The cache folder; the extraction goes to its <c>archives</c> folder.</param>
    /// <param name="limits">Bounds on the extraction; null for <see cref="ExtractionLimits.FromEnvironment"/>.</param>
    /// <exception cref="UserInputException">The archive is missing, not a regular file, unusable or past a
    /// limit.</exception>
    public static string Resolve(string archive, string cacheDirectory, ExtractionLimits? limits = null)
    {
        var full = Path.GetFullPath(archive);
        var info = new FileInfo(full);
        if (!info.Exists) throw new UserInputException($"{full}: dataset archive not found");
        RegularFile.Require(full);
        var key = Convert.ToHexString(SHA256.HashData(
            Encoding.UTF8.GetBytes($"{full}|{info.Length}|{info.LastWriteTimeUtc.Ticks}")))[..16].ToLowerInvariant();
        var archives = Path.Combine(cacheDirectory, "archives");
        var target = Path.Combine(archives, $"{Path.GetFileName(full).Split('.')[0]}-{key}");
        if (Directory.Exists(target))
        {
            if (FindRoot(target) is { } root) return root;
            AtomicFile.TryDeleteDirectory(target);
            throw NoSplitFolder(full);
        }

        Directory.CreateDirectory(archives);
        StagingPaths.RemoveStale(archives);
        var staging = StagingPaths.ForUnique(target);
        try
        {
            if (IsZip(full)) ZipExtractor.Extract(full, staging, full, limits ?? ExtractionLimits.FromEnvironment());
            else TarGzExtractor.Extract(full, staging, full, limits ?? ExtractionLimits.FromEnvironment());
            if (FindRoot(staging) is null) throw NoSplitFolder(full);
            Directory.Move(staging, target);
        }
        catch (IOException) when (Directory.Exists(target))
        {
            AtomicFile.TryDeleteDirectory(staging);  // another process finished the same extraction first
        }
        catch
        {
            AtomicFile.TryDeleteDirectory(staging);
            throw;
        }
        return FindRoot(target) ?? throw NoSplitFolder(full);
    }

    private static UserInputException NoSplitFolder(string archive)
        => new($"{archive}: the archive holds no train/ or test/ split folder");

    private static string? FindRoot(string folder)
    {
        for (var depth = 0; depth < 3; depth++)
        {
            if (Directory.Exists(Path.Combine(folder, "train")) || Directory.Exists(Path.Combine(folder, "test")))
                return folder;
            var children = Directory.GetDirectories(folder);
            if (children.Length != 1) return null;
            folder = children[0];
        }
        return null;
    }
}
