namespace VpDarts.Benchmark;

/// <summary>Names and lookups for <see cref="Nb201Dataset"/>.</summary>
public static class Nb201Datasets
{
    /// <summary>All data sets, in column order of the accuracy table.</summary>
    public static readonly IReadOnlyList<Nb201Dataset> All =
        [Nb201Dataset.Cifar10, Nb201Dataset.Cifar100, Nb201Dataset.ImageNet16_120];

    /// <summary>Number of data sets.</summary>
    public const int Count = 3;

    private static readonly string[] DisplayNames = ["CIFAR-10", "CIFAR-100", "ImageNet16-120"];
    private static readonly string[] Keys = ["cifar10_test", "cifar100_test", "imagenet16_120_test"];

    /// <summary>The name people write: <c>CIFAR-10</c>, <c>CIFAR-100</c>, <c>ImageNet16-120</c>.</summary>
    public static string DisplayName(this Nb201Dataset dataset) => DisplayNames[Checked(dataset)];

    /// <summary>
    /// The key used for the data set's test accuracy in the table's CSV header and in JSON output:
    /// <c>cifar10_test</c>, <c>cifar100_test</c>, <c>imagenet16_120_test</c>.
    /// </summary>
    public static string Key(this Nb201Dataset dataset) => Keys[Checked(dataset)];

    /// <summary>
    /// Parses a data set from its key (<c>cifar10_test</c>), its display name (<c>CIFAR-10</c>) or a short form
    /// (<c>cifar10</c>, <c>imagenet16-120</c>), ignoring case; returns false for anything else.
    /// </summary>
    public static bool TryParse(string? text, out Nb201Dataset dataset)
    {
        dataset = Nb201Dataset.Cifar10;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var wanted = Normalize(text);
        foreach (var candidate in All)
        {
            if (wanted != Normalize(DisplayNames[(int)candidate]) && wanted != Normalize(Keys[(int)candidate])
                && wanted != Normalize(Keys[(int)candidate].Replace("_test", "", StringComparison.Ordinal)))
                continue;
            dataset = candidate;
            return true;
        }
        return false;
    }

    private static string Normalize(string text) =>
        new(text.Trim().ToLowerInvariant().Where(c => c != '-' && c != '_').ToArray());

    private static int Checked(Nb201Dataset dataset) =>
        (uint)dataset < Count
            ? (int)dataset : throw new ArgumentOutOfRangeException(nameof(dataset), dataset, "not an NB201 data set");
}
