using System.Security.Cryptography;
using System.Text;

namespace VpDarts.Data;

/// <summary>
/// Lets <c>folder:</c> datasets come as a <c>.tar.gz</c>: the archive is extracted once into the cache (staging folder,
/// then rename), keyed by its path, size and time, and the folder holding the split folders is returned.
/// </summary>
public static class ArchiveFolder
{
    /// <summary>Whether <paramref name="path"/> names a gzip'd tar archive.</summary>
    public static bool IsArchive(string path) =>
        path.EndsWith(".tar.gz", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".tgz", StringComparison.OrdinalIgnoreCase);

    /// <summary>The dataset root inside the extracted archive (extracting it first if needed).</summary>
    public static string Resolve(string archive, string cacheDirectory)
    {
        var full = Path.GetFullPath(archive);
        var info = new FileInfo(full);
        if (!info.Exists) throw new UserInputException($"{full}: dataset archive not found");
        RegularFile.Require(full);
        var key = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"{full}|{info.Length}|{info.LastWriteTimeUtc.Ticks}")))[..16].ToLowerInvariant();
        var target = Path.Combine(cacheDirectory, "archives", $"{Path.GetFileName(full).Split('.')[0]}-{key}");
        if (!Directory.Exists(target))
        {
            var staging = $"{target}.partial-{Environment.ProcessId}";
            try
            {
                if (Directory.Exists(staging)) Directory.Delete(staging, true);
                TarGzExtractor.Extract(full, staging, full);
                Directory.Move(staging, target);
            }
            catch (IOException) when (Directory.Exists(target))
            {
                Directory.Delete(staging, true);  // another process finished the same extraction first
            }
            catch
            {
                if (Directory.Exists(staging)) Directory.Delete(staging, true);
                throw;
            }
        }
        return FindRoot(target) ?? throw new UserInputException($"{full}: the archive holds no train/ or test/ split folder");
    }

    private static string? FindRoot(string folder)
    {
        for (var depth = 0; depth < 3; depth++)
        {
            if (Directory.Exists(Path.Combine(folder, "train")) || Directory.Exists(Path.Combine(folder, "test"))) return folder;
            var children = Directory.GetDirectories(folder);
            if (children.Length != 1) return null;
            folder = children[0];
        }
        return null;
    }
}
