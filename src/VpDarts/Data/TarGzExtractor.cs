using System.Formats.Tar;
using System.IO.Compression;

namespace VpDarts.Data;

/// <summary>
/// Extracts <c>.tar.gz</c> archives of datasets. Only folders and regular files come out; any other entry (link,
/// named pipe, device) and any entry whose path leaves the destination fails the whole archive with a one-line
/// error naming the entry. The bytes written and the entries read are counted as they stream and extraction stops
/// at the first one past <see cref="ExtractionLimits"/>. The caller extracts into a staging folder and deletes it
/// when this throws.
/// </summary>
internal static class TarGzExtractor
{
    /// <summary>Extracts <paramref name="archive"/> into <paramref name="destination"/> (created if missing).</summary>
    /// <param name="archive">The archive file.</param>
    /// <param name="destination">A fresh folder to extract into.</param>
    /// <param name="label">What errors name the archive as (its path or URL).</param>
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
            using var file = File.OpenRead(archive);
            using var gzip = new GZipStream(file, CompressionMode.Decompress);
            using var reader = new TarReader(gzip);
            long entries = 0, bytes = 0;
            while (reader.GetNextEntry() is { } entry)
            {
                if (++entries > limits.MaxEntries) throw TooManyEntries(label, limits);
                var isFile = entry.EntryType is TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile;
                if (!isFile && entry.EntryType is not (TarEntryType.Directory or TarEntryType.GlobalExtendedAttributes))
                    throw new UserInputException(
                        $"{label}: entry '{Printable(entry.Name)}' is {Describe(entry)}; only regular files and folders are extracted");
                if (entry.EntryType == TarEntryType.GlobalExtendedAttributes) continue;

                var path = Path.GetFullPath(Path.Join(root, entry.Name));
                if (!path.StartsWith(rootPrefix, StringComparison.Ordinal) && path != root)
                    throw new UserInputException($"{label}: entry '{Printable(entry.Name)}' points outside the folder it is extracted to");
                if (!isFile)
                {
                    Directory.CreateDirectory(path);
                    continue;
                }
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                using (var output = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
                {
                    if (entry.DataStream is { } data)
                    {
                        int read;
                        while ((read = data.Read(buffer)) > 0)
                        {
                            bytes += read;
                            if (bytes > limits.MaxBytes) throw TooManyBytes(label, limits);
                            output.Write(buffer, 0, read);
                        }
                    }
                }
                SetModificationTime(path, entry.ModificationTime);
            }
        }
        catch (Exception e) when (e is InvalidDataException or IOException or FormatException or UnauthorizedAccessException or ArgumentException)
        {
            throw new UserInputException($"{label}: cannot extract the archive: {DatasetDownloader.OneLine(e.Message)}", e);
        }
    }

    private static UserInputException TooManyBytes(string label, ExtractionLimits limits) => new(
        $"{label}: the archive expands to more than {ExtractionLimits.FormatBytes(limits.MaxBytes)}, the extraction limit; " +
        $"to raise it, set {ExtractionLimits.MaxBytesVariable} (e.g. {ExtractionLimits.MaxBytesVariable}={SuggestedBytes(limits.MaxBytes)})");

    private static UserInputException TooManyEntries(string label, ExtractionLimits limits) => new(
        $"{label}: the archive holds more than {limits.MaxEntries} entries, the extraction limit; " +
        $"to raise it, set {ExtractionLimits.MaxEntriesVariable} (e.g. {ExtractionLimits.MaxEntriesVariable}={2 * limits.MaxEntries})");

    /// <summary>Twice the limit, in whole GiB where that reads better.</summary>
    private static string SuggestedBytes(long limit) =>
        limit >= 1L << 30 ? $"{(2 * limit + (1L << 30) - 1) >> 30}G" : (2 * limit).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string Describe(TarEntry entry) => entry.EntryType switch
    {
        TarEntryType.SymbolicLink => $"a symbolic link (to '{Printable(entry.LinkName)}')",
        TarEntryType.HardLink => $"a hard link (to '{Printable(entry.LinkName)}')",
        TarEntryType.Fifo => "a named pipe",
        TarEntryType.CharacterDevice => "a character device",
        TarEntryType.BlockDevice => "a block device",
        var other => $"an entry of type {other}",
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
