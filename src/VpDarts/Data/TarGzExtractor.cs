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
    /// <exception cref="UserInputException">The archive is corrupt, passes a limit or holds an entry that is
    /// refused.</exception>
    public static void Extract(string archive, string destination, string label, ExtractionLimits limits)
    {
        var target = new ExtractionTarget(destination, label, limits);
        try
        {
            using var file = File.OpenRead(archive);
            using var gzip = new GZipStream(file, CompressionMode.Decompress);
            using var reader = new TarReader(gzip);
            long entries = 0;
            while (reader.GetNextEntry() is { } entry)
            {
                if (++entries > limits.MaxEntries) throw target.TooManyEntries();
                var isFile = entry.EntryType is TarEntryType.RegularFile or TarEntryType.V7RegularFile
                    or TarEntryType.ContiguousFile;
                if (!isFile && entry.EntryType is not (TarEntryType.Directory or TarEntryType.GlobalExtendedAttributes))
                    throw target.NotAFileOrFolder(entry.Name, Describe(entry));
                if (entry.EntryType == TarEntryType.GlobalExtendedAttributes) continue;

                var path = target.PathOf(entry.Name);
                if (isFile) target.WriteFile(path, entry.DataStream, entry.ModificationTime);
                else Directory.CreateDirectory(path);
            }
        }
        catch (Exception e) when (e is InvalidDataException or IOException or FormatException
            or UnauthorizedAccessException or ArgumentException)
        {
            throw new UserInputException(
                $"{label}: cannot extract the archive: {DatasetDownloader.OneLine(e.Message)}", e);
        }
    }

    private static string Describe(TarEntry entry) => entry.EntryType switch
    {
        TarEntryType.SymbolicLink => $"a symbolic link (to '{ExtractionTarget.Printable(entry.LinkName)}')",
        TarEntryType.HardLink => $"a hard link (to '{ExtractionTarget.Printable(entry.LinkName)}')",
        TarEntryType.Fifo => "a named pipe",
        TarEntryType.CharacterDevice => "a character device",
        TarEntryType.BlockDevice => "a block device",
        var other => $"an entry of type {other}",
    };
}
