using System.Globalization;
using Spectre.Console;

namespace VpDarts.Cli.Commands;

/// <summary>
/// How commands write results: Spectre renderables when the output is a terminal, plain lines otherwise (pipes,
/// files, tests), written straight to the output so that long arch strings are never wrapped.
/// </summary>
public static class Output
{
    /// <summary>Whether <paramref name="console"/> writes to an interactive terminal.</summary>
    public static bool IsTerminal(IAnsiConsole console) => console.Profile.Out.IsTerminal;

    /// <summary>Writes one plain line, bypassing Spectre's markup and wrapping.</summary>
    public static void Line(IAnsiConsole console, string text)
    {
        console.Profile.Out.Writer.WriteLine(text);
        console.Profile.Out.Writer.Flush();
    }

    /// <summary>A number with two decimals, culture-independent (accuracies and percentiles).</summary>
    public static string F2(double value) => value.ToString("F2", CultureInfo.InvariantCulture);
}
