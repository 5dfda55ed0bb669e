using CsvHelper;
using VpDarts.Runtime;
using VpDarts.SearchSpace;

namespace VpDarts.Benchmark;

/// <summary>Reads and checks the NB201 accuracy CSV; every problem becomes an
/// <see cref="Nb201TableException"/>.</summary>
internal static class Nb201TableReader
{
    /// <summary>The column holding the arch string.</summary>
    public const string ArchColumn = "arch";

    private static readonly CsvReaderOptions Options = CsvReaderOptions.Default with
    {
        // The arch strings are full of '|', so the separator must never be guessed.
        Separator = ',',
        HasHeader = true,
        TrackLineNumbers = true,
        TrimWhitespace = true,
        MalformedData = CsvMalformedDataHandling.Throw,
    };

    /// <summary>The largest table read: the full NB201 table is about 1.5 MB.</summary>
    public const long MaxBytes = 64L << 20;

    /// <summary>Reads <paramref name="path"/> into per-data-set arrays indexed by
    /// <see cref="Genotype.Index"/>.</summary>
    public static (bool[] Present, double[][] Accuracy) Read(string path)
    {
        if (string.IsNullOrWhiteSpace(path))
            throw new UserInputException("NB201 table path is empty");
        if (Directory.Exists(path))
            throw new Nb201TableException(path, null, "is a directory, expected a CSV file");
        var kind = RegularFile.KindOf(path);
        if (kind == FileKind.Missing)
            throw new Nb201TableException(path, null, "file not found");
        if (kind != FileKind.Regular)  // a named pipe would block the read for good, a device may never end
            throw new Nb201TableException(path, null,
                $"not a regular file ({RegularFile.Describe(kind)}); only regular files are read");
        if (new FileInfo(path).Length > MaxBytes)
            throw new Nb201TableException(path, null, $"is {new FileInfo(path).Length} bytes, more than the " +
                $"{MaxBytes / (1 << 20)} MiB the 15625-cell table needs");

        CsvReader reader;
        try { reader = CsvReader.FromFile(path, Options); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new Nb201TableException(path, null, $"cannot open: {e.Message}", e);
        }

        var line = 1;
        try
        {
            using (reader) return ReadRecords(path, reader, ref line);
        }
        catch (CsvFormatException e)
        {
            var at = e.LineNumber > 0 ? (int)e.LineNumber : line;
            throw new Nb201TableException(path, at, $"malformed CSV: {FirstLine(e.Message)}", e);
        }
        catch (IOException e)
        {
            throw new Nb201TableException(path, line, $"read failed: {e.Message}", e);
        }
    }

    private static (bool[] Present, double[][] Accuracy) ReadRecords(string path, CsvReader reader, ref int line)
    {
        var headers = reader.Headers;
        if (headers.Count == 0 || headers.All(string.IsNullOrWhiteSpace))
            throw new Nb201TableException(path, null, "is empty (no header line)");

        var archColumn = FindColumn(headers, ArchColumn);
        var datasetColumns = Nb201Datasets.All.Select(d => FindColumn(headers, d.Key())).ToArray();
        var missing = new[] { ArchColumn }.Concat(Nb201Datasets.All.Select(d => d.Key()))
            .Where((_, i) => (i == 0 ? archColumn : datasetColumns[i - 1]) < 0).ToArray();
        if (missing.Length > 0)
        {
            throw new Nb201TableException(path, 1,
                $"missing column{(missing.Length > 1 ? "s" : "")} {string.Join(", ", missing.Select(m => $"'{m}'"))} " +
                $"(header has {OneLine.Quote(string.Join(",", headers))})");
        }
        var fieldsNeeded = datasetColumns.Append(archColumn).Max() + 1;

        var present = new bool[Genotype.SpaceSize];
        var firstLine = new int[Genotype.SpaceSize];
        var accuracy =
            Nb201Datasets.All.Select(_ => Enumerable.Repeat(double.NaN, Genotype.SpaceSize).ToArray()).ToArray();
        var rows = 0;
        while (reader.Read())
        {
            line = (int)reader.LineNumber;
            if (reader.FieldCount < fieldsNeeded)
                throw new Nb201TableException(path, line,
                    $"has {reader.FieldCount} fields, the header has {headers.Count}");

            var archText = reader.GetString(archColumn);
            if (!Genotype.TryParse(archText, out var genotype, out var archError))
                throw new Nb201TableException(path, line, $"invalid arch: {archError}");
            var index = genotype!.Index;
            if (present[index])
                throw new Nb201TableException(path, line,
                    $"arch {OneLine.Quote(archText)} is listed twice (lines {firstLine[index]} and {line})");

            foreach (var dataset in Nb201Datasets.All)
                accuracy[(int)dataset][index] =
                    ParseAccuracy(path, line, dataset.Key(), reader.GetString(datasetColumns[(int)dataset]));
            present[index] = true;
            firstLine[index] = line;
            rows++;
        }
        if (rows == 0)
            throw new Nb201TableException(path, null, "has a header but no rows");
        return (present, accuracy);
    }

    private static int FindColumn(IReadOnlyList<string> headers, string name)
    {
        for (var i = 0; i < headers.Count; i++)
            if (string.Equals(headers[i].Trim(), name, StringComparison.OrdinalIgnoreCase)) return i;
        return -1;
    }

    private static double ParseAccuracy(string path, int line, string column, string text)
    {
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            || !double.IsFinite(value))
            throw new Nb201TableException(path, line, $"{column} value {OneLine.Quote(text)} is not a number");
        if (value is < 0 or > 100)
            throw new Nb201TableException(path, line,
                $"{column} value {OneLine.Quote(text)} is outside 0..100 (accuracies are in %)");
        return value;
    }

    private static string FirstLine(string message)
    {
        var end = message.IndexOfAny(['\r', '\n']);
        return end < 0 ? message : message[..end];
    }
}
