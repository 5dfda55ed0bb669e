using System.Text.RegularExpressions;

namespace VpDarts.Data;

/// <summary>
/// Bounds on extracting one dataset archive: the bytes of data it may expand to and the number of entries it may
/// hold. Extraction stops as soon as either is passed. The defaults leave room for any archive an image-folder
/// dataset can use: a split must fit one array of at most 2 GiB of pixels, so its image files rarely take more than
/// a few GiB, and CIFAR-10-JPEG (60,023 entries, 55 MB) is a quarter of the entry limit.
/// </summary>
/// <param name="MaxBytes">Most bytes of file contents written.</param>
/// <param name="MaxEntries">Most entries (files, folders and metadata entries).</param>
public sealed partial record ExtractionLimits(long MaxBytes, long MaxEntries)
{
    /// <summary>Environment variable that sets <see cref="MaxBytes"/>: bytes, or with a K, M, G or T suffix (powers of
    /// 1024).</summary>
    public const string MaxBytesVariable = "VPDARTS_MAX_EXTRACT_BYTES";

    /// <summary>Environment variable that sets <see cref="MaxEntries"/>.</summary>
    public const string MaxEntriesVariable = "VPDARTS_MAX_EXTRACT_ENTRIES";

    /// <summary>16 GiB and 250,000 entries.</summary>
    public static ExtractionLimits Default { get; } = new(16L << 30, 250_000);

    /// <summary>The limits set by <see cref="MaxBytesVariable"/> and <see cref="MaxEntriesVariable"/>, each defaulting
    /// when unset.</summary>
    /// <exception cref="UserInputException">A variable holds something other than a positive number.</exception>
    public static ExtractionLimits FromEnvironment() => FromVariables(Environment.GetEnvironmentVariable);

    internal static ExtractionLimits FromVariables(Func<string, string?> variable) => new(
        Parse(variable(MaxBytesVariable), MaxBytesVariable, Default.MaxBytes, allowSuffix: true),
        Parse(variable(MaxEntriesVariable), MaxEntriesVariable, Default.MaxEntries, allowSuffix: false));

    /// <summary>A byte count as people read it: <c>16 GiB</c>, <c>300 KiB</c>, or plain bytes.</summary>
    internal static string FormatBytes(long bytes)
    {
        foreach (var (unit, shift) in new[] { ("TiB", 40), ("GiB", 30), ("MiB", 20), ("KiB", 10) })
            if (bytes >= 1L << shift && bytes % (1L << shift) == 0) return $"{bytes >> shift} {unit}";
        return bytes.ToString(CultureInfo.InvariantCulture) + " bytes";
    }

    [GeneratedRegex(@"^\s*(\d{1,18})\s*(?:([KMGT])(?:i?B)?)?\s*$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SizePattern();

    private static long Parse(string? text, string name, long fallback, bool allowSuffix)
    {
        if (string.IsNullOrWhiteSpace(text)) return fallback;
        var match = SizePattern().Match(text);
        if (match.Success && (allowSuffix || !match.Groups[2].Success))
        {
            var value = long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
            var shift = match.Groups[2].Success
                ? 10 * ("KMGT".IndexOf(char.ToUpperInvariant(match.Groups[2].Value[0])) + 1) : 0;
            if (value > 0 && value <= long.MaxValue >> shift) return value << shift;
        }
        var expected = allowSuffix
            ? "a positive number of bytes, optionally with a K, M, G or T suffix (e.g. 32G)"
            : "a positive whole number";
        throw new UserInputException($"{name}: '{text.Trim()}' is not {expected}");
    }
}
