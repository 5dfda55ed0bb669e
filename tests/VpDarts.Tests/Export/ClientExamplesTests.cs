using System.Text.RegularExpressions;

namespace VpDarts.Tests.Export;

/// <summary>
/// The ONNX clients (Python, C#, JavaScript) are shown twice, in the README's "Deploying a trained cell" and in
/// docs/MODEL_FORMAT.md's "Three clients"; the two copies stay the same, so neither page drifts.
/// </summary>
public sealed class ClientExamplesTests
{
    [Fact]
    public void TheReadmeAndTheModelFormatPageShowTheSameThreeClients()
    {
        var readme = Section(File.ReadAllText(Path.Combine(Shared.RepoRoot, "README.md")), "## Deploying a trained cell");
        var page = Section(File.ReadAllText(Path.Combine(Shared.RepoRoot, "docs", "MODEL_FORMAT.md")), "### Three clients");
        var inReadme = Blocks(readme);
        Assert.Equal(["python", "csharp", "js"], inReadme.Select(b => b.Language));
        Assert.Equal(inReadme, Blocks(page));
        Assert.Contains(inReadme, b => b.Language == "js" && b.Code.Contains("model-preprocessed.onnx", StringComparison.Ordinal));
    }

    /// <summary>The text from <paramref name="heading"/> to the next heading of its level or higher.</summary>
    private static string Section(string text, string heading)
    {
        var start = text.IndexOf(heading + "\n", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no section {heading}");
        var level = heading.TakeWhile(c => c == '#').Count();
        var next = Regex.Match(text[(start + heading.Length)..], $@"\n#{{1,{level}}} ");
        return next.Success ? text.Substring(start, heading.Length + next.Index) : text[start..];
    }

    private static List<(string Language, string Code)> Blocks(string section) =>
        Regex.Matches(section, @"```(python|csharp|js)\n(.*?)```", RegexOptions.Singleline)
            .Select(m => (m.Groups[1].Value, m.Groups[2].Value)).ToList();
}
