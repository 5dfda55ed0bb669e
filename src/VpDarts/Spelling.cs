namespace VpDarts;

/// <summary>The "did you mean …?" of an error: the known name nearest to a misspelt one.</summary>
public static class Spelling
{
    /// <summary>
    /// The name in <paramref name="known"/> with the fewest single-character edits from <paramref name="given"/>
    /// (ignoring case), if it needs at most a third of the given name's length and at least one edit; else null.
    /// </summary>
    public static string? Nearest(string given, IEnumerable<string> known)
    {
        var limit = Math.Max(1, given.Length / 3);
        return known
            .Select(name => (Name: name, Distance: Distance(given.ToLowerInvariant(), name.ToLowerInvariant())))
            .Where(c => c.Distance <= limit)
            .OrderBy(c => c.Distance).ThenBy(c => c.Name, StringComparer.Ordinal)
            .Select(c => c.Name).FirstOrDefault();
    }

    /// <summary>Levenshtein distance: insertions, deletions and substitutions.</summary>
    private static int Distance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        var current = new int[b.Length + 1];
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
                current[j] = Math.Min(Math.Min(current[j - 1], previous[j]) + 1,
                    previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
