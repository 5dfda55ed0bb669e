namespace VpDarts.Data;

/// <summary>
/// The destination side of an archive extraction, shared by <see cref="TarGzExtractor"/> and
/// <see cref="ZipExtractor"/>: entry paths are kept inside the destination, the bytes written are counted against
/// <see cref="ExtractionLimits"/> as they stream, files keep the archive's times, and every refusal is one line naming
/// the archive and the entry.
/// </summary>
internal sealed class ExtractionTarget
{
    private readonly string _root;
    private readonly string _rootPrefix;
    private readonly string _label;
    private readonly ExtractionLimits _limits;
    private readonly byte[] _buffer = new byte[1 << 16];
    private long _bytes;

    /// <summary>Creates <paramref name="destination"/> if missing; errors name the archive as
    /// <paramref name="label"/>.</summary>
    public ExtractionTarget(string destination, string label, ExtractionLimits limits)
    {
        _root = Path.GetFullPath(destination);
        Directory.CreateDirectory(_root);
        _rootPrefix = Path.EndsInDirectorySeparator(_root) ? _root : _root + Path.DirectorySeparatorChar;
        _label = label;
        _limits = limits;
    }

    /// <summary>The absolute path of entry <paramref name="name"/>; refused when it leaves the destination.</summary>
    public string PathOf(string name)
    {
        var path = Path.GetFullPath(Path.Join(_root, name));
        if (!path.StartsWith(_rootPrefix, StringComparison.Ordinal)
            && path.TrimEnd(Path.DirectorySeparatorChar) != _root)
            throw new UserInputException(
                $"{_label}: entry '{Printable(name)}' points outside the folder it is extracted to");
        return path;
    }

    /// <summary>Writes a new file at <paramref name="path"/> from <paramref name="data"/> (null: empty), counting its
    /// bytes, with the archive's time.</summary>
    public void WriteFile(string path, Stream? data, DateTimeOffset modified)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using (var output = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
        {
            int read;
            while (data is not null && (read = data.Read(_buffer)) > 0)
            {
                _bytes += read;
                if (_bytes > _limits.MaxBytes) throw TooManyBytes();
                output.Write(_buffer, 0, read);
            }
        }
        try
        {
            // Keeps the archive's file times, so that a re-extraction matches the decoded-image cache key.
            File.SetLastWriteTimeUtc(path, modified.UtcDateTime);
        }
        catch (ArgumentOutOfRangeException)
        {
            // a time the file system cannot hold: the file keeps the extraction time
        }
    }

    /// <summary>The error for an archive of more than <see cref="ExtractionLimits.MaxEntries"/> entries.</summary>
    public UserInputException TooManyEntries() => new(
        $"{_label}: the archive holds more than {_limits.MaxEntries} entries, the extraction limit; " +
        $"to raise it, set {ExtractionLimits.MaxEntriesVariable} (e.g. " +
        $"{ExtractionLimits.MaxEntriesVariable}={2 * _limits.MaxEntries})");

    /// <summary>The error for an entry that is neither a regular file nor a folder, described as
    /// <paramref name="what"/>.</summary>
    public UserInputException NotAFileOrFolder(string name, string what) =>
        new($"{_label}: entry '{Printable(name)}' is {what}; only regular files and folders are extracted");

    /// <summary>The name with control characters replaced, so that an error stays one harmless line.</summary>
    public static string Printable(string name) => string.Concat(name.Select(c => char.IsControl(c) ? '?' : c));

    private UserInputException TooManyBytes() => new(
        $"{_label}: the archive expands to more than {ExtractionLimits.FormatBytes(_limits.MaxBytes)}, the " +
        $"extraction limit; to raise it, set {ExtractionLimits.MaxBytesVariable} (e.g. " +
        $"{ExtractionLimits.MaxBytesVariable}={SuggestedBytes(_limits.MaxBytes)})");

    /// <summary>Twice the limit, in whole GiB where that reads better.</summary>
    private static string SuggestedBytes(long limit) =>
        limit >= 1L << 30 ? $"{(2 * limit + (1L << 30) - 1) >> 30}G" : (2 * limit)
            .ToString(System.Globalization.CultureInfo.InvariantCulture);
}
