using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace VpDarts.Data;

/// <summary>
/// What identifies the data a run was started on: the dataset's name, its classes, the images of each split the run
/// uses, and a SHA-256 over every image and label of the splits it was loaded from. A run records it when it starts
/// (<c>provenance.data</c> of its <c>config.json</c>), so that a resume on other data is refused.
/// </summary>
public sealed record DataFingerprint
{
    /// <summary>The dataset's name as loaded.</summary>
    public required string Dataset { get; init; }
    /// <summary>Class names in label order.</summary>
    public required IReadOnlyList<string> Classes { get; init; }
    /// <summary>Images per split the run uses (<c>search-train</c>, <c>search-valid</c>; <c>train</c>,
    /// <c>test</c>).</summary>
    public required IReadOnlyDictionary<string, long> Images { get; init; }
    /// <summary>SHA-256 (lower-case hex) over the shapes, pixels and labels of the loaded splits.</summary>
    public required string Sha256 { get; init; }

    /// <summary>The fingerprint of <paramref name="splits"/>, which were loaded as <paramref name="dataset"/> and are
    /// used as <paramref name="images"/> says.</summary>
    public static DataFingerprint Of(string dataset, IReadOnlyDictionary<string, long> images,
        params ImageDataset[] splits)
    {
        ArgumentNullException.ThrowIfNull(splits);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var split in splits)
        {
            hash.AppendData(System.Text.Encoding.UTF8.GetBytes(
                $"{split.Count}x{split.Channels}x{split.Size}x{split.Size};" +
                $"{string.Join('\u0000', split.ClassNames)}\n"));
            // In slices of rows: one span over a split of 2 GiB or more would overflow its length.
            var rowBytes = (long)split.Channels * split.Size * split.Size;
            var rows = (int)Math.Max(1, (64L << 20) / Math.Max(1, rowBytes));
            for (var row = 0; row < split.Count; row += rows)
            {
                using var slice = split.Images.narrow(0, row, Math.Min(rows, split.Count - row));
                hash.AppendData(slice.bytes);
            }
            hash.AppendData(MemoryMarshal.AsBytes(split.LabelArray.AsSpan()));
        }
        return new DataFingerprint
        {
            Dataset = dataset, Classes = splits.Length > 0 ? splits[0].ClassNames.ToArray() : [], Images = images,
            Sha256 = Convert.ToHexString(hash.GetHashAndReset()).ToLowerInvariant(),
        };
    }

    /// <summary>Null when <paramref name="now"/> is the same data as this recorded fingerprint, else what differs, in
    /// words.</summary>
    public string? DifferenceFrom(DataFingerprint now)
    {
        ArgumentNullException.ThrowIfNull(now);
        if (now.Sha256 == Sha256 && now.Images.OrderBy(p => p.Key, StringComparer.Ordinal)
            .SequenceEqual(Images.OrderBy(p => p.Key, StringComparer.Ordinal)))
            return null;
        if (!now.Classes.SequenceEqual(Classes))
            return $"{Classes.Count} classes ({Shown(Classes)}) when the run started, {now.Classes.Count} " +
                $"({Shown(now.Classes)}) now";
        foreach (var (split, count) in Images.OrderBy(p => p.Key, StringComparer.Ordinal))
            if (now.Images.GetValueOrDefault(split, -1) != count)
                return $"{count} {split} images when the run started, {now.Images.GetValueOrDefault(split)} now";
        return $"other images or labels (SHA-256 {Sha256[..12]}… when the run started, {now.Sha256[..12]}… now)";
    }

    private static string Shown(IReadOnlyList<string> classes) =>
        string.Join(", ", classes.Take(5)) + (classes.Count > 5 ? $", … {classes.Count - 5} more" : "");
}
