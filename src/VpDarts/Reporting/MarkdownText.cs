using VpDarts.SearchSpace;

namespace VpDarts.Reporting;

/// <summary>
/// Text read from files (run records, experiment plans, paths) made safe for the Markdown that reports write, which
/// viewers render as HTML: no tag, link, image, code-span end or table-cell break can come from the text, and control
/// characters (C0, DEL, C1, line and paragraph separators, bidirectional overrides) are shown as <c>\uXXXX</c>.
/// Text longer than <see cref="MaxLength"/> characters is cut, saying how long it was.
/// </summary>
public static class MarkdownText
{
    /// <summary>Longest text from a file that a report shows whole.</summary>
    public const int MaxLength = 300;

    /// <summary>
    /// <paramref name="text"/> as plain inline text: <c>\ ` |</c> are backslash-escaped, <c>&amp; &lt; &gt; [ ]</c>
    /// written as entities, control characters made visible. Safe in a paragraph, a heading and a table cell: no tag,
    /// link syntax, code span or cell break can come of it. Emphasis marks are left as they are (they change how text
    /// looks, not what it does), and a viewer may still turn a bare <c>https://…</c> into a link, as it would anywhere.
    /// </summary>
    public static string Text(string? text) => Escaped(text, MaxLength);

    private static string Escaped(string? text, int max)
    {
        if (text is null) return "";
        var escaped = new StringBuilder(text.Length + 16);
        foreach (var c in Cut(text, max))
        {
            _ = c switch
            {
                '\\' or '`' or '|' => escaped.Append('\\').Append(c),
                '[' => escaped.Append("&#91;"),
                ']' => escaped.Append("&#93;"),
                '&' => escaped.Append("&amp;"),
                '<' => escaped.Append("&lt;"),
                '>' => escaped.Append("&gt;"),
                _ when IsInvisible(c) => escaped.Append(Visible(c)),
                _ => escaped.Append(c),
            };
        }
        return escaped.ToString();
    }

    /// <summary>
    /// <paramref name="text"/> as a code span: its fence is one backtick longer than any run of backticks inside, so
    /// nothing inside can close it; control characters are made visible. In a table cell (<paramref name="inTable"/>)
    /// a <c>|</c> is written <c>\|</c>, which the table reads as a <c>|</c> of the span. Text holding
    /// <c>&lt; &gt; &amp;</c> is written as <see cref="Text"/> instead: a code span shows them as they are, which a
    /// viewer that is not strict about Markdown might take for HTML. Text longer than <paramref name="max"/> characters
    /// is cut (<see cref="Cut"/>); a path the user gave, which is not read from a file, is shown whole with
    /// <see cref="Path"/>.
    /// </summary>
    public static string Code(string? text, bool inTable = false, int max = MaxLength)
    {
        if (text is not null && text.AsSpan().IndexOfAny("<>&") >= 0) return Escaped(text, max);
        var content = new StringBuilder();
        foreach (var c in Cut(text ?? "", max))
        {
            if (IsInvisible(c)) content.Append(Visible(c));
            else if (c == '|' && inTable) content.Append("\\|");
            else content.Append(c);
        }
        var body = content.ToString();
        var longest = 0;
        for (int i = 0, run = 0; i < body.Length; i++)
        {
            run = body[i] == '`' ? run + 1 : 0;
            longest = Math.Max(longest, run);
        }
        var fence = new string('`', longest + 1);
        // A span that starts or ends with a backtick (or a space) is padded with one space, which Markdown strips.
        var pad = body.Length > 0 && (body[0] is '`' or ' ' || body[^1] is '`' or ' ') ? " " : "";
        return fence + pad + body + pad + fence;
    }

    /// <summary>A path (or a command line naming one) the user gave, as a code span like <see cref="Code"/>, shown
    /// whole however long.</summary>
    public static string Path(string text) => Code(text, max: int.MaxValue);

    /// <summary>
    /// An arch string read from a file: a valid one in a code span (<see cref="Code"/>), an invalid one as the words
    /// <c>invalid arch string (why)</c>, escaped; an em dash when there is none.
    /// </summary>
    public static string Arch(string? text, bool inTable = false)
    {
        if (text is null) return "—";
        return Genotype.TryParse(text, out var cell, out var error)
            ? Code(cell!.ToString(), inTable)
            : Text($"invalid arch string ({error})");
    }

    /// <summary><paramref name="text"/> itself when at most <paramref name="max"/> characters long, else its start, an
    /// ellipsis and its length.</summary>
    public static string Cut(string text, int max = MaxLength)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length <= max) return text;
        var end = char.IsHighSurrogate(text[max - 1]) ? max - 1 : max;
        return $"{text[..end]}… ({text.Length.ToString("N0", CultureInfo.InvariantCulture)} characters)";
    }

    /// <summary>
    /// Characters that change how text is shown without being seen: control characters, line and paragraph separators,
    /// and the bidirectional marks, embeddings, overrides and isolates.
    /// </summary>
    public static bool IsInvisible(char c) =>
        char.IsControl(c) || c is '\u2028' or '\u2029' or '\u061C' or '\u200E' or '\u200F'
            || c is >= '\u202A' and <= '\u202E' || c is >= '\u2066' and <= '\u2069';

    private static string Visible(char c) => c switch
    {
        '\n' => "\\n",
        '\r' => "\\r",
        '\t' => "\\t",
        _ => $"\\u{(int)c:x4}",
    };
}
