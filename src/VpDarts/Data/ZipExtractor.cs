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
    /// <exception cref="UserInputException">The archive is corrupt, passes a limit or holds an entry that is
    /// refused.</exception>
    public static void Extract(string archive, string destination, string label, ExtractionLimits limits)
    {
        var target = new ExtractionTarget(destination, label, limits);
        try
        {
            using var zip = ZipFile.OpenRead(archive);
            if (zip.Entries.Count > limits.MaxEntries) throw target.TooManyEntries();
            foreach (var entry in zip.Entries)
            {
                var name = entry.FullName.Replace('\\', '/');
                var isFolder = name.EndsWith('/');
                var unixType = (entry.ExternalAttributes >> 16) & UnixFileTypeMask;
                if (unixType != 0 && unixType != (isFolder ? UnixDirectory : UnixRegularFile))
                    throw target.NotAFileOrFolder(name, Describe(unixType));

                var path = target.PathOf(name);
                if (isFolder)
                {
                    Directory.CreateDirectory(path);
                    continue;
                }
                using var data = entry.Open();
                target.WriteFile(path, data, entry.LastWriteTime);
            }
        }
        catch (Exception e) when (e is InvalidDataException or IOException or FormatException
            or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new UserInputException(
                $"{label}: cannot extract the archive: {DatasetDownloader.OneLine(e.Message)}", e);
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
}
