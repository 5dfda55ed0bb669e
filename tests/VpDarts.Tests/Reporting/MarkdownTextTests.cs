using System.Net;
using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace VpDarts.Tests.Reporting;

/// <summary><see cref="MarkdownText"/> and <see cref="CsvText"/> on their own: what a renderer makes of their output, and what a CSV reader reads back.</summary>
public sealed class MarkdownTextTests
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UseAdvancedExtensions().Build();

    public static TheoryData<string> Tricky() => new()
    {
        "plain text",
        "`",
        "a ``double`` tick` and ```three",
        "` <img src=x onerror=alert(1)> [x](javascript:alert(2)) `",
        "<script>alert(1)</script>",
        "[link](https://example.org) ![img](x.png) <https://example.org>",
        "pipes | in | text \\| and \\\\ backslashes \\",
        "&lt;img&gt; &amp; entities &#60;",
        " leading and trailing spaces ",
        "*emphasis* _under_ ~strike~ # not a heading",
    };

    [Theory]
    [MemberData(nameof(Tricky))]
    public void Text_renders_as_exactly_the_text_and_nothing_else(string text)
    {
        var html = Markdown.ToHtml("x " + MarkdownText.Text(text) + " x", Pipeline).Trim();
        Assert.StartsWith("<p>", html);
        Assert.EndsWith("</p>", html);
        var inner = html[3..^4];
        // Only emphasis may be made of it (it changes how text looks, not what it does), and a bare https:// address
        // may become a link as anywhere else: no other link, no image, code or other tag.
        var stripped = System.Text.RegularExpressions.Regex.Replace(inner, "</?(em|strong|del|sub|sup|mark|ins)>|<a href=\"https://[^\"<>]*\">|</a>", "");
        Assert.DoesNotContain("<", stripped);
        if (!text.Contains('*') && !text.Contains('_') && !text.Contains('~'))
            Assert.Equal("x " + text.Trim() + " x", WebUtility.HtmlDecode(stripped).Replace("  ", " ").Trim().Replace("x  ", "x ").Replace("  x", " x"));
    }

    [Theory]
    [MemberData(nameof(Tricky))]
    public void Code_is_one_code_span_holding_the_text_in_a_paragraph_and_in_a_table(string text)
    {
        if (text.AsSpan().IndexOfAny("<>&") >= 0)
        {
            Assert.Equal(MarkdownText.Text(text), MarkdownText.Code(text));
            return;
        }
        var paragraph = Markdown.Parse("x " + MarkdownText.Code(text) + " x", Pipeline);
        Assert.Equal(text, Assert.Single(paragraph.Descendants<CodeInline>()).Content);

        var table = Markdown.Parse($"| a | b |\n|---|---|\n| {MarkdownText.Code(text, inTable: true)} | 2 |\n", Pipeline);
        var row = table.Descendants<Markdig.Extensions.Tables.TableRow>().Last();
        Assert.Equal(2, row.Count);
        // GFM turns each \| of a table row into | before it reads the cells' code spans (spec example 200); Markdig
        // keeps the backslash in the span, so it is taken out here as GitHub's renderer takes it out.
        Assert.Equal(text, Assert.Single(table.Descendants<CodeInline>()).Content.Replace("\\|", "|", StringComparison.Ordinal));
    }

    [Fact]
    public void Control_characters_line_separators_and_bidi_overrides_are_shown_not_written()
    {
        var text = "a\u001b[31mb\u0000c\u007fd\u0085e\u2028f\u2029g\u202eh\u2066i\nj\tk";
        Assert.Equal(@"a\u001b&#91;31mb\u0000c\u007fd\u0085e\u2028f\u2029g\u202eh\u2066i\nj\tk", MarkdownText.Text(text));
        Assert.Equal(@"`a\u001b[31mb\u0000c\u007fd\u0085e\u2028f\u2029g\u202eh\u2066i\nj\tk`", MarkdownText.Code(text));
    }

    [Fact]
    public void Long_text_is_cut_saying_how_long_it_was()
    {
        var arch = new string('x', 100_000);
        var shown = MarkdownText.Text(arch);
        Assert.Equal(new string('x', MarkdownText.MaxLength) + "… (100,000 characters)", shown);
        Assert.Equal("`" + shown + "`", MarkdownText.Code(arch));
        Assert.StartsWith("invalid arch string (arch string has 1 node groups", MarkdownText.Arch(arch));
        Assert.True(MarkdownText.Arch(arch).Length < 400);
        Assert.Equal("short", MarkdownText.Cut("short"));
        var path = "/" + string.Join("/", Enumerable.Repeat("folder", 100));  // a path the user gave is shown whole
        Assert.Equal($"`{path}`", MarkdownText.Path(path));
    }

    [Fact]
    public void Arch_prints_a_valid_cell_as_code_and_names_an_invalid_one()
    {
        const string cell = "|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|skip_connect~0|nor_conv_1x1~1|nor_conv_3x3~2|";
        Assert.Equal($"`{cell}`", MarkdownText.Arch(cell));
        Assert.Equal($"`{cell.Replace("|", "\\|")}`", MarkdownText.Arch(cell, inTable: true));
        Assert.Equal("invalid arch string (node 1 group '\\|bogus~0\\|', input 0: unknown operation 'bogus' " +
                     "(expected one of none, skip\\_connect, nor\\_conv\\_1x1, nor\\_conv\\_3x3, avg\\_pool\\_3x3))".Replace("\\_", "_"),
            MarkdownText.Arch("|bogus~0|+|none~0|none~1|+|none~0|none~1|none~2|"));
        Assert.Equal("—", MarkdownText.Arch(null));
    }

    /// <summary>A CSV reader that takes every field as it is written (RFC 4180).</summary>
    internal static readonly CsvHelper.CsvReaderOptions StrictCsv = CsvHelper.CsvReaderOptions.Default with
    {
        Separator = ',', HasHeader = true, TrimWhitespace = false, MalformedData = CsvHelper.CsvMalformedDataHandling.Throw,
    };

    public static TheoryData<string> CsvCells() => new()
    {
        "plain", "with, comma", "with \"quotes\"", "line\nbreak", "cr\r\nlf", " padded ", "", "|nor_conv_3x3~0|+|none~0|none~1|", "-0.5", "+3", "1e-3",
    };

    [Theory]
    [MemberData(nameof(CsvCells))]
    public void Csv_cells_read_back_whole(string text)
    {
        var line = string.Join(',', CsvText.Cell(text), CsvText.Quoted(text), "end") + "\n";
        using var reader = CsvHelper.CsvReader.FromText("a,b,c\n" + line, StrictCsv);
        Assert.True(reader.Read());
        Assert.Equal(text, reader.GetString(0));
        Assert.Equal(text, reader.GetString(1));
        Assert.Equal("end", reader.GetString(2));
        Assert.False(reader.Read());
    }

    [Theory]
    [InlineData("=HYPERLINK(\"http://x\")", "\"'=HYPERLINK(\"\"http://x\"\")\"")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0")]
    [InlineData("-0.25", "-0.25")]
    public void Csv_text_a_spreadsheet_would_run_as_a_formula_is_marked_as_text(string text, string cell) =>
        Assert.Equal(cell, CsvText.Cell(text));
}
