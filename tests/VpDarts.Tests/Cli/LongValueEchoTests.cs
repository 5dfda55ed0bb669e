namespace VpDarts.Tests.Cli;

/// <summary>
/// Error lines echo what the user gave, but not a 50 MB dataset name or a 100 KB arch string whole: a long value is
/// cut to its first 100 characters and its length, and control characters (an escape sequence) are written escaped,
/// never raw into the terminal.
/// </summary>
public sealed class LongValueEchoTests() : TempFolderTests("vpdarts-long-value-")
{
    private static readonly string Long = new('a', 1_000_000);

    [Fact]
    public void AMillionCharacterDatasetNameIsCutToItsStartAndLength()
    {
        var result = CliHarness.Run("search", "--preset", "tiny", "--dataset", Long);

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.ErrLines);
        Assert.StartsWith($"error: --dataset: unknown dataset '{new string('a', OneLine.Kept)}…' (1,000,000 characters) (expected cifar10", line);
        Assert.True(line.Length < 300, Head(line));
    }

    [Fact]
    public void AFiveMegabyteDatasetNameInASettingsFileIsCut()
    {
        var config = In("config.json");
        File.WriteAllText(config, $$"""{"dataset": "{{new string('d', 5 * 1024 * 1024)}}"}""");
        var result = CliHarness.Run("search", "--config", config, "--out", In("run"));

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.ErrLines);
        Assert.Contains("(5,242,880 characters)", line);
        Assert.True(line.Length < 300, Head(line));
        Assert.False(Directory.Exists(In("run")));
    }

    [Fact]
    public void AHundredKilobyteArchStringIsCut()
    {
        var arch = "|" + new string('x', 100_000) + "~0|+|none~0|none~1|+|none~0|none~1|none~2|";
        var result = CliHarness.Run("train", "--preset", "tiny", "--arch", arch, "--out", In("run"));

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.ErrLines);
        Assert.StartsWith("error: --arch: ", line);
        Assert.Contains($"characters)", line);
        Assert.True(line.Length < 600, Head(line));
    }

    [Fact]
    public void AnyLongValueEchoedRawIsCutInTheErrorLine()
    {
        // The parser's own messages and paths echo values unquoted; the error line cuts them all the same.
        var command = CliHarness.Run(Long);
        var line = Assert.Single(command.ErrLines);
        Assert.StartsWith($"error: unknown command '{new string('a', OneLine.Kept - 1)}… (1,000,002 characters)", line);
        Assert.True(line.Length < 300, Head(line));

        var epochs = CliHarness.Run("search", "--epochs", Long);
        Assert.Equal($"error: --epochs: '{new string('a', OneLine.Kept)}…' (1,000,000 characters) is not a whole number", Assert.Single(epochs.ErrLines));

        var spaced = string.Join(' ', Enumerable.Repeat("word", 200_000));  // no long word, but a million characters
        var config = CliHarness.Run("search", "--preset", "tiny", "--config", spaced);
        var configLine = Assert.Single(config.ErrLines);
        Assert.Equal(2, config.ExitCode);
        Assert.True(configLine.Length < OneLine.MessageLimit + 100, Head(configLine));
        Assert.Contains("characters left out", configLine);
    }

    [Fact]
    public void ControlCharactersOfAValueAreEscapedNotWrittenToTheTerminal()
    {
        var result = CliHarness.Run("search", "--preset", "tiny", "--dataset", "a\u001b[31mred\u0007\rX");

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.ErrLines);
        Assert.Contains(@"'a\u001b[31mred\u0007\rX'", line);
        Assert.DoesNotContain(line, char.IsControl);

        var raw = CliHarness.Run("report", In("run\u001b]0;title\u0007"));  // a path echoed unquoted
        Assert.DoesNotContain(Assert.Single(raw.ErrLines), char.IsControl);
        Assert.Contains(@"\u001b]0;title\u0007", raw.Err);
    }

    [Fact]
    public void OneLineKeepsShortValuesWholeAndNeverSplitsACharacter()
    {
        var arch = "|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|skip_connect~0|nor_conv_3x3~1|nor_conv_3x3~2|";
        Assert.Equal($"'{arch}'", OneLine.Quote(arch));
        Assert.Equal($"'{new string('b', OneLine.Limit)}'", OneLine.Quote(new string('b', OneLine.Limit)));
        Assert.Equal($"'{new string('b', OneLine.Kept)}…' (121 characters)", OneLine.Quote(new string('b', OneLine.Limit + 1)));

        var emoji = new string('b', OneLine.Kept - 1) + string.Concat(Enumerable.Repeat("😀", 40));  // a pair across the cut
        var quoted = OneLine.Quote(emoji);
        Assert.Equal($"'{new string('b', OneLine.Kept - 1)}…' (179 characters)", quoted);

        var path = "/data/" + new string('p', 300) + "/x";  // a long but real path stays whole
        Assert.Equal($"{path}: not found", OneLine.Tidy($"{path}: not found"));
    }

    private static string Head(string line) => line.Length <= 300 ? line : line[..300];
}
