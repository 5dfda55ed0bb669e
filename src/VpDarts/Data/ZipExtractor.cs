using System.IO.Compression;

namespace VpDarts.Data;

/// <summary>
/// Extracts <c>.zip</c> archives of datasets under the same rules as <see cref="TarGzExtractor"/>: only folders and
/// regular files come out; a symbolic link or other special entry (told by the Unix mode a zip made on Unix
/// stores) and any entry whose path leaves the destination fail the whole archive with a one-line error naming the
/// entry. The bytes written are counted as they are inflated (the sizes the archive declares are not trusted), and
/// extraction stops at the first entry or byte past <see cref="ExtractionLimits"/>. The caller extracts into a
/// staging folder and deletes it when this throws.
/// </summary>
internal static class ZipExtractor
{
    private const int UnixFileTypeMask = 0xF000;
    private const int UnixRegularFile = 0x8000;
    private const int UnixDirectory = 0x4000;

    /// <summary>Extracts <paramref name="archive"/> into <paramref name="destination"/> (created if missing).</summary>
    /// <param name="archive">The archive file.</param>
    /// <param name="destination">A fresh folder to extract into.</param>
    /// <param name="label">What errors name the archive as.</param>
    /// <param name="limits">Bounds on the bytes and entries extracted.</param>
    /// <exception cref="UserInputException">The archive is corrupt, passes a limit or holds an entry that is refused.</exception>
    public static void Extract(string archive, string destination, string label, ExtractionLimits limits)
    {
        var root = Path.GetFullPath(destination);
        Directory.CreateDirectory(root);
        var rootPrefix = Path.EndsInDirectorySeparator(root) ? root : root + Path.DirectorySeparatorChar;
        var buffer = new byte[1 << 16];
        try
        {
            using var zip = ZipFile.OpenRead(archive);
            if (zip.Entries.Count > limits.MaxEntries)
                throw new UserInputException(
                    $"{label}: the archive holds more than {limits.MaxEntries} entries, the extraction limit; " +
                    $"to raise it, set {ExtractionLimits.MaxEntriesVariable} (e.g. {ExtractionLimits.MaxEntriesVariable}={2 * limits.MaxEntries})");
            long bytes = 0;
            foreach (var entry in zip.Entries)
            {
                var name = entry.FullName.Replace('\\', '/');
                var isFolder = name.EndsWith('/');
                var unixType = (entry.ExternalAttributes >> 16) & UnixFileTypeMask;
                if (unixType != 0 && unixType != (isFolder ? UnixDirectory : UnixRegularFile))
                    throw new UserInputException(
                        $"{label}: entry '{Printable(name)}' is {Describe(unixType)}; only regular files and folders are extracted");

                var path = Path.GetFullPath(Path.Join(root, name));
                if (!path.StartsWith(rootPrefix, StringComparison.Ordinal) && path.TrimEnd(Path.DirectorySeparatorChar) != root)
                    throw new UserInputException($"{label}: entry '{Printable(name)}' points outside the folder it is extracted to");
                if (isFolder)
                {
                    Directory.CreateDirectory(path);
                    continue;
                }
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                using (var data = entry.Open())
                using (var output = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
                {
                    int read;
                    while ((read = data.Read(buffer)) > 0)
                    {
                        bytes += read;
                        if (bytes > limits.MaxBytes)
                            throw new UserInputException(
                                $"{label}: the archive expands to more than {ExtractionLimits.FormatBytes(limits.MaxBytes)}, the extraction limit; " +
                                $"to raise it, set {ExtractionLimits.MaxBytesVariable}");
                        output.Write(buffer, 0, read);
                    }
                }
                SetModificationTime(path, entry.LastWriteTime);
            }
        }
        catch (Exception e) when (e is InvalidDataException or IOException or FormatException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new UserInputException($"{label}: cannot extract the archive: {DatasetDownloader.OneLine(e.Message)}", e);
        }
    }

    private static string Describe(int unixType) => unixType switch
    {
        0xA000 => "a symbolic link",
        0x1000 => "a named pipe",
        0x2000 => "a character device",
        0x6000 => "a block device",
        0xC000 => "a socket",
        0x4000 => "a folder stored as a file",
        0x8000 => "a file stored as a folder",
        _ => $"an entry of Unix type 0{Convert.ToString(unixType >> 12, 8)}",
    };

    /// <summary>The name with control characters replaced, so that an error stays one harmless line.</summary>
    private static string Printable(string name) => string.Concat(name.Select(c => char.IsControl(c) ? '?' : c));

    /// <summary>Keeps the archive's file times, so that a re-extraction matches the decoded-image cache key.</summary>
    private static void SetModificationTime(string path, DateTimeOffset time)
    {
        try
        {
            File.SetLastWriteTimeUtc(path, time.UtcDateTime);
        }
        catch (ArgumentOutOfRangeException)
        {
            // a time the file system cannot hold: the file keeps the extraction time
        }
    }
}
