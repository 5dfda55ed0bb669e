using System.Reflection;
using System.Text.RegularExpressions;

namespace VpDarts.Tests.Reliability;

/// <summary>docs/RELIABILITY.md only names tests that exist (whether they pass is the suite's own verdict).</summary>
public sealed class ReliabilityTableTests
{
    [Fact]
    public void EveryRowNamesExistingTests()
    {
        var lines = File.ReadAllLines(Path.Combine(Shared.RepoRoot, "docs", "RELIABILITY.md"))
            .Where(l => l.StartsWith("| ") && !l.StartsWith("| fault") && !l.StartsWith("|---")).ToList();
        Assert.True(lines.Count >= 10, "the table should list the faults");
        var assembly = typeof(ReliabilityTableTests).Assembly;
        foreach (var line in lines)
        {
            var testCell = line.Split('|', StringSplitOptions.RemoveEmptyEntries)[^1];
            var names = Regex.Matches(testCell, "`([A-Za-z]+)\\.([A-Za-z0-9]+)(?:\\.([A-Za-z0-9_]+))?`").ToList();
            Assert.True(names.Count > 0, $"no test named in: {line}");
            foreach (Match name in names)
            {
                var type = assembly.GetType($"VpDarts.Tests.{name.Groups[1].Value}.{name.Groups[2].Value}");
                Assert.True(type is not null, $"no test class {name.Groups[1].Value}.{name.Groups[2].Value}");
                if (!name.Groups[3].Success) continue;
                var method = type!.GetMethod(name.Groups[3].Value, BindingFlags.Public | BindingFlags.Instance);
                Assert.True(method is not null && method.GetCustomAttributes().Any(a => a is FactAttribute),
                    $"no test {name.Value}");
            }
        }
    }
}
