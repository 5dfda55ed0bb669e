namespace VpDarts.Benchmark;

/// <summary>An accuracy table file that is missing or malformed; the message names the file and, where known, the
/// line.</summary>
public sealed class Nb201TableException : UserInputException
{
    /// <summary>Creates the error; <paramref name="line"/> is 1-based, or null when the problem is not tied to a
    /// line.</summary>
    public Nb201TableException(string path, int? line, string problem, Exception? inner = null)
        : base(line is null ? $"{path}: {problem}" : $"{path}, line {line}: {problem}", inner)
    {
        Path = path;
        Line = line;
    }

    /// <summary>The table file as the caller named it.</summary>
    public string Path { get; }

    /// <summary>The 1-based line of the file with the problem, or null.</summary>
    public int? Line { get; }
}
