using VpDarts.Runtime;

namespace VpDarts.Cli;

/// <summary>Turns an exception into the one-line <c>error: ...</c> report and the exit code.</summary>
public static class CliErrors
{
    /// <summary>Exit code for bad input: arguments, options, files.</summary>
    public const int BadInput = 2;

    /// <summary>Exit code for an unexpected failure.</summary>
    public const int Failure = 1;

    /// <summary>Environment variable that, set to 1, adds the full exception after the error line.</summary>
    public const string DebugVariable = "VPDARTS_DEBUG";

    /// <summary>
    /// Writes <c>error: message</c> for bad input (exit 2) or <c>error: Type: message</c> for anything else (exit 1),
    /// on one line; with <c>VPDARTS_DEBUG=1</c> the full exception follows.
    /// </summary>
    public static int Report(Exception exception, TextWriter error)
    {
        var e = Unwrap(exception);
        var badInput = e is UserInputException or NativeBootstrapException or CommandParseException or CommandRuntimeException;
        var message = badInput ? e.Message
            : e is VpDarts.Runs.NumericFaultException ? "numeric fault: " + e.Message
            : e is VpDarts.Diagnostics.HostCheckException ? "host check: " + e.Message
            : $"{e.GetType().Name}: {e.Message}";
        error.WriteLine("error: " + Flatten(message));
        if (Environment.GetEnvironmentVariable(DebugVariable) == "1") error.WriteLine(e.ToString());
        error.Flush();
        return badInput ? BadInput : Failure;
    }

    private static Exception Unwrap(Exception e)
    {
        while (e is System.Reflection.TargetInvocationException or AggregateException && e.InnerException is not null)
            e = e.InnerException;
        return e;
    }

    /// <summary>Joins the lines of a message with spaces and trims it.</summary>
    public static string Flatten(string message) =>
        string.Join(' ', message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
