namespace VpDarts.Reporting;

/// <summary>
/// Text cells of the CSV files a summary writes (RFC 4180): quoted when they hold a comma, a quote (doubled), a line
/// break or leading or trailing spaces. A text that a spreadsheet would run as a formula (it starts with <c>=</c>,
/// <c>+</c>, <c>-</c>, <c>@</c>, a tab or a carriage return and is not a number) gets a leading <c>'</c>, as
/// spreadsheets themselves mark text.
/// </summary>
public static class CsvText
{
    /// <summary><paramref name="text"/> as a CSV cell, quoted only where it must be; empty for null.</summary>
    public static string Cell(string? text) => Format(text, always: false);

    /// <summary><paramref name="text"/> as a CSV cell, always in quotes; empty for null.</summary>
    public static string Quoted(string? text) => Format(text, always: true);

    private static string Format(string? text, bool always)
    {
        if (text is null) return "";
        if (text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r' &&
            !double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
            text = "'" + text;
        var quote = always || text.IndexOfAny([',', '"', '\n', '\r']) >= 0
            || text.Length > 0 && (text[0] == ' ' || text[^1] == ' ');
        return quote ? '"' + text.Replace("\"", "\"\"", StringComparison.Ordinal) + '"' : text;
    }
}
