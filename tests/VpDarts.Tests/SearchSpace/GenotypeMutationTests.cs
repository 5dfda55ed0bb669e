namespace VpDarts.Tests.SearchSpace;

/// <summary>Seeded random corruptions of valid arch strings, each of which must be rejected with a reason.</summary>
public class GenotypeMutationTests
{
    private const string AllSkip =
        "|skip_connect~0|+|skip_connect~0|skip_connect~1|+|skip_connect~0|skip_connect~1|skip_connect~2|";

    private delegate string Mutation(string text, Random rng);

    private static readonly (string Name, Mutation Apply)[] Mutations =
    [
        ("drop a bar", (t, r) => RemoveAt(t, Pick(t, '|', r))),
        ("duplicate a bar", (t, r) => t.Insert(Pick(t, '|', r), "|")),
        ("change a node index", ChangeNodeIndex),
        ("misspell an operation", MisspellOperation),
        ("remove a '+'", (t, r) => RemoveAt(t, Pick(t, '+', r))),
        ("add a group", (t, _) => t + "+|none~0|none~1|none~2|none~3|"),
        ("turn a '~' into '-'", (t, r) => ReplaceAt(t, Pick(t, '~', r), '-')),
        ("truncate", (t, r) => t[..r.Next(t.Length)]),
    ];

    [Fact]
    public void Random_mutations_of_valid_strings_are_rejected_with_a_one_line_reason()
    {
        var rng = new Random(201);
        var counts = new int[Mutations.Length];
        for (var trial = 0; trial < 4000; trial++)
        {
            var valid = Genotype.FromIndex(rng.Next(Genotype.SpaceSize)).ToString();
            var which = rng.Next(Mutations.Length);
            var mutated = Mutations[which].Apply(valid, rng);
            counts[which]++;

            var context = $"{Mutations[which].Name}: '{mutated}' (from '{valid}')";
            Assert.False(Genotype.TryParse(mutated, out var genotype, out var error), context);
            Assert.Null(genotype);
            Assert.False(string.IsNullOrWhiteSpace(error), context);
            Assert.DoesNotContain('\n', error);
            var thrown = Assert.Throws<FormatException>(() => Genotype.Parse(mutated));
            Assert.Equal(error, thrown.Message);
        }
        Assert.All(counts, c => Assert.True(c > 100, "every mutation kind is exercised"));
    }

    [Fact]
    public void Unknown_operation_is_named_with_its_node_and_input()
    {
        var error = ErrorFor(AllSkip.Replace("|skip_connect~1|", "|skip_conect~1|", StringComparison.Ordinal));
        Assert.Contains("unknown operation 'skip_conect'", error);
        Assert.Contains("node 2", error);
        Assert.Contains("input 1", error);
        Assert.Contains("nor_conv_3x3", error); // lists the valid names
    }

    [Fact]
    public void Wrong_node_index_is_named_with_the_expected_one()
    {
        var error = ErrorFor("|skip_connect~0|+|skip_connect~0|skip_connect~1|+|skip_connect~0|skip_connect~2|skip_connect~1|");
        Assert.Contains("node 3", error);
        Assert.Contains("node index '2' should be 1", error);
    }

    [Fact]
    public void Wrong_number_of_inputs_gives_both_counts()
    {
        var error = ErrorFor("|skip_connect~0|skip_connect~1|+|skip_connect~0|skip_connect~1|+|skip_connect~0|skip_connect~1|skip_connect~2|");
        Assert.Contains("node 1", error);
        Assert.Contains("has 2 inputs, expected 1", error);
    }

    [Fact]
    public void Missing_bars_are_reported_for_their_group()
    {
        var error = ErrorFor(AllSkip[1..]);
        Assert.Contains("node 1", error);
        Assert.Contains("must start and end with '|'", error);
    }

    [Theory]
    [InlineData("|skip_connect~0|+|skip_connect~0|skip_connect~1||skip_connect~0|skip_connect~1|skip_connect~2|", "2 node groups")]
    [InlineData("|none~0|+|none~0|none~1|+|none~0|none~1|none~2|+|none~0|", "4 node groups")]
    [InlineData("|skip_connect-0|+|skip_connect~0|skip_connect~1|+|skip_connect~0|skip_connect~1|skip_connect~2|", "'skip_connect-0' is not of the form op~index")]
    [InlineData("", "empty")]
    [InlineData("   ", "empty")]
    public void Structural_errors_say_what_is_wrong(string text, string expected) =>
        Assert.Contains(expected, ErrorFor(text));

    [Theory]
    [InlineData("|none~0|\n+|none~0|none~1|+|none~0|none~1|none~2|", "node 1 group '|none~0|\\n'")]
    [InlineData("|none~0|+|none~0|none~1|+|none~0|none~1|none~2|\r\n", "node 3 group '|none~0|none~1|none~2|\\r\\n'")]
    [InlineData("|none~0|+|none~0|none\t~1|+|none~0|none~1|none~2|", "unknown operation 'none\\t'")]
    public void Line_breaks_and_tabs_in_the_input_are_escaped_in_the_message(string text, string expected)
    {
        var error = ErrorFor(text);
        Assert.Contains(expected, error);
        Assert.DoesNotContain('\n', error);
        Assert.DoesNotContain('\r', error);
    }

    [Fact]
    public void Null_is_rejected_without_throwing()
    {
        Assert.False(Genotype.TryParse(null, out _, out var error));
        Assert.Contains("empty", error);
    }

    private static string ErrorFor(string text)
    {
        Assert.False(Genotype.TryParse(text, out _, out var error), $"'{text}' should not parse");
        return error;
    }

    private static int Pick(string text, char c, Random rng)
    {
        var positions = Enumerable.Range(0, text.Length).Where(i => text[i] == c).ToArray();
        return positions[rng.Next(positions.Length)];
    }

    private static string RemoveAt(string text, int i) => text.Remove(i, 1);

    private static string ReplaceAt(string text, int i, char c) => string.Concat(text.AsSpan(0, i), c.ToString(), text.AsSpan(i + 1));

    private static string ChangeNodeIndex(string text, Random rng)
    {
        var digit = Pick(text, '~', rng) + 1;
        var old = text[digit] - '0';
        var replacement = (old + 1 + rng.Next(3)) % 4; // any of 0..3 but the old one
        return ReplaceAt(text, digit, (char)('0' + replacement));
    }

    private static string MisspellOperation(string text, Random rng)
    {
        // One edit inside an operation name; no NB201 name is one edit away from another.
        const string letters = "abcdefghijklmnopqrstuvwxyz0123456789_";
        var tilde = Pick(text, '~', rng);
        var start = text.LastIndexOf('|', tilde) + 1;
        var at = start + rng.Next(tilde - start);
        return rng.Next(3) switch
        {
            0 => RemoveAt(text, at),
            1 => text.Insert(at, letters[rng.Next(letters.Length)].ToString()),
            _ => ReplaceAt(text, at, letters.Where(c => c != text[at]).ElementAt(rng.Next(letters.Length - 1))),
        };
    }
}
