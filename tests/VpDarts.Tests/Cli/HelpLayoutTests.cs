using VpDarts.Cli.Commands;

namespace VpDarts.Tests.Cli;

/// <summary>
/// Help does not depend on this machine: with a home folder or <c>$XDG_CACHE_HOME</c> of 60+ characters, a narrow
/// <c>COLUMNS</c>, another locale and time zone, <c>--data-dir</c>'s default is shown whole, on one line, never broken
/// in the middle of the path (a long home folder used to break it and fail the preset-values help test).
/// </summary>
public sealed class HelpLayoutTests() : TempFolderTests("vpdarts-help-layout-")
{
    private const string LongName = "home-of-a-user-with-a-rather-long-name-abcdefghijklmnopqrstuvwxyz0123456789";

    [Theory]
    [InlineData("search")]
    [InlineData("train")]
    [InlineData("demo")]
    public void TheDataFolderDefaultIsWholeWithALongHomeAndNarrowColumns(string command)
    {
        var home = In(LongName);  // need not exist: a missing home folder is still the home folder
        var help = Help([command, "--help"], ("HOME", home), ("XDG_CACHE_HOME", null));

        Assert.Contains("[default: ~/.cache/vpdarts/data]", DataDirLines(help));
        Assert.DoesNotContain(LongName, help);
    }

    [Fact]
    public void AnXdgCacheHomeOutsideTheHomeFolderIsNamedByItsVariable()
    {
        var cache = In(LongName, "cache");
        var help = Help(["experiment", "table1", "--help"], ("HOME", In("h")), ("XDG_CACHE_HOME", cache));

        Assert.Contains("[default: $XDG_CACHE_HOME/vpdarts/data]", DataDirLines(help));
        Assert.DoesNotContain(LongName, help);

        var shortCache = Help(["search", "--help"], ("HOME", In("h")), ("XDG_CACHE_HOME", "/c"));
        Assert.Contains("[default: /c/vpdarts/data]", DataDirLines(shortCache));
    }

    [Fact]
    public void TheShownDefaultIsTheFolderRunsUse()
    {
        var shown = DataDirDescriptionAttribute.DefaultShown;
        Assert.True(shown.Length <= DataDirDescriptionAttribute.LongestShown, shown);
        var expanded = shown.StartsWith("~/", StringComparison.Ordinal) ? DataOptions.UserHome + shown[1..]
            : shown.StartsWith("$XDG_CACHE_HOME/", StringComparison.Ordinal) ? Environment.GetEnvironmentVariable("XDG_CACHE_HOME") + shown["$XDG_CACHE_HOME".Length..]
            : shown;
        Assert.Equal(Path.GetFullPath(DataOptions.DefaultDataDirectory), Path.GetFullPath(expanded));
    }

    /// <summary>The help's --data-dir entry, its wrapped lines joined with single spaces (only a break inside a word would split the path).</summary>
    private static string DataDirLines(string help)
    {
        var lines = help.Split('\n');
        var first = Array.FindIndex(lines, l => l.TrimStart().StartsWith("--data-dir", StringComparison.Ordinal));
        Assert.True(first >= 0, help);
        var entry = lines.Skip(first).Take(1).Concat(lines.Skip(first + 1).TakeWhile(l => !l.TrimStart().StartsWith('-')));
        return string.Join(' ', entry.Select(l => l.Trim()));
    }

    private static string Help(string[] args, params (string, string?)[] environment)
    {
        var (host, cli) = ChildProcess.BuiltCli();
        (string, string?)[] machine = [("COLUMNS", "40"), ("LINES", "10"), ("LANG", "de_DE.UTF-8"), ("LC_ALL", "de_DE.UTF-8"), ("TZ", "Pacific/Chatham")];
        var (code, stdout, stderr) = ChildProcess.Run(host, [cli, .. args], TimeSpan.FromMinutes(5), [.. machine, .. environment]);
        Assert.True(code == 0, stderr);
        return stdout;
    }
}
