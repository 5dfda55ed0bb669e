namespace VpDarts.Tests.Architecture;

/// <summary>Source lines stay within 120 characters, so the code reads without side-scrolling in a review.</summary>
public sealed class LineLengthTests
{
    private const int MaxLength = 120;

    [Fact]
    public void NoSourceLineIsLongerThan120Characters()
    {
        var src = Path.Combine(Shared.RepoRoot, "src");
        var sep = Path.DirectorySeparatorChar;
        var files = Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{sep}obj{sep}", StringComparison.Ordinal)
                        && !f.Contains($"{sep}bin{sep}", StringComparison.Ordinal))
            .ToList();
        Assert.True(files.Count > 100, $"only {files.Count} source files found under {src}");
        var tooLong = files
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (File: f, Line: i + 1, line.Length)))
            .Where(l => l.Length > MaxLength)
            .Select(l => $"{Path.GetRelativePath(src, l.File)}:{l.Line} ({l.Length})").ToList();
        Assert.True(tooLong.Count == 0,
            $"{tooLong.Count} lines over {MaxLength} characters:\n" + string.Join("\n", tooLong.Take(50)));
    }
}
