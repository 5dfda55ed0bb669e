namespace VpDarts;

/// <summary>Keeps text that is echoed in an error message (user input, another error's message) on one line.</summary>
internal static class OneLine
{
    /// <summary>The first line of <paramref name="error"/>'s message, trimmed: what a one-line error quotes of its cause.</summary>
    public static string Of(Exception error) => error.Message.Split('\n')[0].Trim();

    /// <summary><paramref name="text"/> in single quotes, with line breaks, tabs and other control characters escaped.</summary>
    public static string Quote(string text)
    {
        var quoted = new StringBuilder(text.Length + 2).Append('\'');
        foreach (var c in text)
        {
            _ = c switch
            {
                '\n' => quoted.Append("\\n"),
                '\r' => quoted.Append("\\r"),
                '\t' => quoted.Append("\\t"),
                _ when char.IsControl(c) => quoted.Append($"\\u{(int)c:x4}"),
                _ => quoted.Append(c),
            };
        }
        return quoted.Append('\'').ToString();
    }
}
