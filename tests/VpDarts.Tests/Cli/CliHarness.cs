using System.Text;
using Spectre.Console;
using VpDarts.Cli;

namespace VpDarts.Tests.Cli;

/// <summary>What one in-process run of the command line printed and returned.</summary>
internal sealed record CliResult(int ExitCode, string Out, string Err)
{
    public string[] ErrLines => Err.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    public override string ToString() => $"exit {ExitCode}\nstdout:\n{Out}\nstderr:\n{Err}";
}

/// <summary>Runs <see cref="CliApp"/> in-process with captured output.</summary>
internal static class CliHarness
{
    public const string AllSkip =
        "|skip_connect~0|+|skip_connect~0|skip_connect~1|+|skip_connect~0|skip_connect~1|skip_connect~2|";

    /// <summary>A demo search small enough for a test: two epochs (one warm-up), four channels, one thread; callers add the rest.</summary>
    public static readonly string[] TinyDemo = ["demo", "--epochs", "2", "--warmup", "1", "--channels", "4", "--threads", "1"];

    /// <summary>Runs with output that is not a terminal (plain lines).</summary>
    public static CliResult Run(params string[] args) => Run(terminal: false, args);

    /// <summary>Runs with plain output and asserts exit code 0, showing all the output when it is not.</summary>
    public static CliResult Succeeds(params string[] args)
    {
        var result = Run(args);
        Assert.True(result.ExitCode == 0, result.ToString());
        return result;
    }

    /// <summary>Runs with output that claims to be a terminal (Spectre tables) or not.</summary>
    public static CliResult Run(bool terminal, params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new FixedWidthOutput(stdout, terminal),
        });
        var code = CliApp.Run(args, console, stderr);
        return new CliResult(code, stdout.ToString().Replace("\r\n", "\n"), stderr.ToString().Replace("\r\n", "\n"));
    }

    /// <summary>
    /// An output of a fixed width, whatever this machine's terminal: a wide terminal, or plain output 80 columns wide
    /// (Spectre's own width when output is redirected), so that help and tables wrap the same everywhere.
    /// </summary>
    private sealed class FixedWidthOutput(TextWriter writer, bool terminal) : IAnsiConsoleOutput
    {
        public TextWriter Writer => writer;
        public bool IsTerminal => terminal;
        public int Width => terminal ? 160 : 80;
        public int Height => 50;
        public void SetEncoding(Encoding encoding) { }
    }
}
