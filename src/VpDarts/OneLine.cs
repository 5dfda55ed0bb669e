using System.Globalization;

namespace VpDarts;

/// <summary>
/// Keeps text that is echoed in an error message (user input, another error's message) on one line, free of raw
/// control characters and short: a value of 50 MB is not printed whole.
/// </summary>
public static class OneLine
{
    /// <summary>Longest value echoed whole; a longer one is cut to <see cref="Kept"/> characters and its
    /// length.</summary>
    public const int Limit = 120;

    /// <summary>Characters kept of a value longer than <see cref="Limit"/>.</summary>
    public const int Kept = 100;

    /// <summary>Longest run of characters without a space that <see cref="Tidy"/> keeps whole (long enough for any real
    /// path).</summary>
    public const int WordLimit = 400;

    /// <summary>Longest message <see cref="Tidy"/> keeps whole.</summary>
    public const int MessageLimit = 2000;

    /// <summary>The first line of <paramref name="error"/>'s message, trimmed: what a one-line error quotes of its
    /// cause.</summary>
    public static string Of(Exception error) => error.Message.Split('\n')[0].Trim();

    /// <summary>
    /// <paramref name="text"/> in single quotes, with line breaks, tabs and other control characters escaped; a text
    /// longer than <see cref="Limit"/> characters is cut: <c>'abc…' (52,428,800 characters)</c>.
    /// </summary>
    public static string Quote(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Length <= Limit ? "'" + Escape(text) + "'" : "'" + Escape(Start(text, Kept)) + "…' " + Length(text);
    }

    /// <summary>
    /// A message made fit for one terminal line: control characters escaped (<c>\u001b</c>), every run of more than
    /// <see cref="WordLimit"/> characters without a space cut to its first <see cref="Kept"/> and its length, and a
    /// message still longer than <see cref="MessageLimit"/> cut in the middle. The last safeguard of error lines, for
    /// values echoed by code that did not quote them.
    /// </summary>
    public static string Tidy(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var text = new StringBuilder(Math.Min(message.Length, MessageLimit + 100));
        var i = 0;
        while (i < message.Length)
        {
            if (char.IsWhiteSpace(message[i]) && !char.IsControl(message[i]))
            {
                text.Append(message[i++]);
                continue;
            }
            var end = i;
            while (end < message.Length && !(char.IsWhiteSpace(message[end]) && !char.IsControl(message[end]))) end++;
            var word = message[i..end];
            text.Append(word.Length <= WordLimit ? Escape(word) : Escape(Start(word, Kept)) + "… " + Length(word));
            i = end;
        }
        if (text.Length <= MessageLimit) return text.ToString();
        var tidy = text.ToString();
        var head = Start(tidy, MessageLimit * 3 / 4);
        var tail = tidy[^(MessageLimit / 4)..];
        if (char.IsLowSurrogate(tail[0])) tail = tail[1..];
        return $"{head} … ({(tidy.Length - head.Length - tail.Length).ToString("N0", CultureInfo.InvariantCulture)} " +
            $"characters left out) … {tail}";
    }

    /// <summary><paramref name="text"/> with line breaks, tabs and other control characters escaped, no quotes
    /// added.</summary>
    public static string Escape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!text.Any(char.IsControl)) return text;
        var escaped = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            _ = c switch
            {
                '\n' => escaped.Append("\\n"),
                '\r' => escaped.Append("\\r"),
                '\t' => escaped.Append("\\t"),
                _ when char.IsControl(c) => escaped.Append($"\\u{(int)c:x4}"),
                _ => escaped.Append(c),
            };
        }
        return escaped.ToString();
    }

    /// <summary>The first <paramref name="count"/> characters of <paramref name="text"/>, not ending inside a surrogate
    /// pair.</summary>
    private static string Start(string text, int count) =>
        char.IsHighSurrogate(text[count - 1]) ? text[..(count - 1)] : text[..count];

    private static string Length(string text)
        => $"({text.Length.ToString("N0", CultureInfo.InvariantCulture)} characters)";
}
