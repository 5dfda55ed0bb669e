using System.Text;

namespace VpDarts;

/// <summary>Keeps user-supplied text that is echoed in an error message on one line.</summary>
internal static class OneLine
{
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
