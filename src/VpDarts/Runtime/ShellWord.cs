using System.Text;

namespace VpDarts.Runtime;

/// <summary>Quotes a word for a command line that a user copies into a shell (hints such as
/// <c>vpdarts report PATH</c>).</summary>
public static class ShellWord
{
    /// <summary>
    /// <paramref name="text"/> as one POSIX shell word: as it is when plainly safe (letters, digits,
    /// <c>/._-+:=@%,</c>), single-quoted otherwise (a quote inside becomes <c>'\''</c>). A word holding a line break or
    /// another control character is written <c>$'…'</c> with the character escaped (bash, zsh and ksh read it), so the
    /// command stays on one line and no raw escape reaches the terminal.
    /// </summary>
    public static string Of(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (IsPlainlySafe(text)) return text;
        if (!text.Any(char.IsControl)) return "'" + text.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
        var word = new StringBuilder("$'");
        foreach (var ch in text)
        {
            _ = ch switch
            {
                '\\' => word.Append("\\\\"),
                '\'' => word.Append("\\'"),
                '\n' => word.Append("\\n"),
                '\r' => word.Append("\\r"),
                '\t' => word.Append("\\t"),
                _ when char.IsControl(ch) => word.Append($"\\u{(int)ch:x4}"),
                _ => word.Append(ch),
            };
        }
        return word.Append('\'').ToString();
    }

    /// <summary>Whether <paramref name="text"/> needs no quoting in a shell.</summary>
    public static bool IsPlainlySafe(string text) =>
        text.Length > 0 && text.All(ch => char.IsAsciiLetterOrDigit(ch) || "/._-+:=@%,".Contains(ch));
}
