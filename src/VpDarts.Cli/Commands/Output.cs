using System.Globalization;
using System.Text.Json;
using VpDarts.Diagnostics;
using VpDarts.Runs;

namespace VpDarts.Cli.Commands;

/// <summary>
/// How commands write results: Spectre renderables when the output is a terminal, plain lines otherwise (pipes,
/// files, tests), written straight to the output so that long arch strings are never wrapped.
/// </summary>
public static class Output
{
    /// <summary>Whether <paramref name="console"/> writes to an interactive terminal.</summary>
    public static bool IsTerminal(IAnsiConsole console) => console.Profile.Out.IsTerminal;

    /// <summary>
    /// The steps every run takes before its first epoch: name its folder, run the host check on the CPU, load the data
    /// (<paramref name="describe"/> says what was loaded; <paramref name="check"/>, when given, checks it, e.g. that a
    /// resumed run's data is its own), and only then create the folder, so bad data or a failed host check leaves no
    /// folder behind and writes nothing into a run's. <paramref name="arguments"/>, the command line, is what a new
    /// run's provenance records.
    /// </summary>
    public static TData PrepareRun<TData>(IAnsiConsole console, RunDirectory run, IReadOnlyList<string> arguments,
        string device, int threads, Func<TData> load, Func<TData, string> describe,
        Action<TData>? check = null)
        where TData : IDisposable
    {
        Line(console, $"run folder: {OneLine.Escape(run.Root)}");
        if (device == "cpu") Preflight.Run(threads);
        var data = load();
        try
        {
            Line(console, $"data: {describe(data)}");
            check?.Invoke(data);
            run.Create(arguments: arguments);
            foreach (var note in run.Notes) Line(console, note);
            return data;
        }
        catch
        {
            data.Dispose();
            throw;
        }
    }

    /// <summary>Writes one plain line, bypassing Spectre's markup and wrapping.</summary>
    public static void Line(IAnsiConsole console, string text)
    {
        console.Profile.Out.Writer.WriteLine(text);
        console.Profile.Out.Writer.Flush();
    }

    /// <summary>
    /// A result summary: a two-column table in a terminal, <c>key: value</c> lines otherwise; control characters in a
    /// value (a folder name with a line break or an escape) are escaped, so each row stays one line.
    /// </summary>
    public static void Summary(IAnsiConsole console, IEnumerable<(string Key, string Value)> rows)
    {
        if (IsTerminal(console))
        {
            var grid = new Table().AddColumn("result").AddColumn("value");
            foreach (var (k, v) in rows) grid.AddRow(Markup.Escape(k), Markup.Escape(OneLine.Escape(v)));
            console.Write(grid);
        }
        else
        {
            foreach (var (k, v) in rows) Line(console, $"{k}: {OneLine.Escape(v)}");
        }
    }

    private static readonly JsonSerializerOptions JsonLineOptions = new(RunDirectory.Json) { WriteIndented = false };

    /// <summary>Writes <paramref name="record"/> as one line of JSON with vpdarts's snake_case keys (for scripts and
    /// jq).</summary>
    public static void JsonLine<T>(IAnsiConsole console, T record)
        => Line(console, JsonSerializer.Serialize(record, JsonLineOptions));

    /// <summary>A number with two decimals, culture-independent (accuracies and percentiles).</summary>
    public static string F2(double value) => value.ToString("F2", CultureInfo.InvariantCulture);
}
