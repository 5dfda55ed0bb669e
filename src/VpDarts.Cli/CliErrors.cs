using System.Text.RegularExpressions;
using VpDarts.Runtime;

namespace VpDarts.Cli;

/// <summary>Turns an exception into the one-line <c>error: ...</c> report and the exit code.</summary>
public static partial class CliErrors
{
    /// <summary>Exit code for bad input: arguments, options, files.</summary>
    public const int BadInput = 2;

    /// <summary>Exit code for an unexpected failure.</summary>
    public const int Failure = 1;

    /// <summary>Environment variable that, set to 1, adds the full exception after the error line.</summary>
    public const string DebugVariable = "VPDARTS_DEBUG";

    /// <summary>What the parser converts an option's missing value from (it reads the command's name in its
    /// place).</summary>
    private const string MissingValue = "__default_command";

    /// <summary>
    /// Writes <c>error: message</c> for bad input (exit 2) or <c>error: Type: message</c> for anything else (exit 1),
    /// on one line; with <c>VPDARTS_DEBUG=1</c> the full exception follows. The command line's own errors keep the
    /// parser's suggestion (<c>did you mean 'search'?</c>) and name a value that did not convert by its option and
    /// in words (<c>--epochs: 'ten' is not a whole number</c>), found in <paramref name="arguments"/> as typed.
    /// </summary>
    public static int Report(Exception exception, TextWriter error, IReadOnlyList<string>? arguments = null)
    {
        var e = Unwrap(exception);
        var badInput = e is UserInputException or NativeBootstrapException or CommandParseException
            or CommandRuntimeException;
        var message = e is CommandAppException parse ? CommandLineMessage(parse, arguments ?? [])
            : badInput ? e.Message
            : e is VpDarts.Runs.NumericFaultException ? "numeric fault: " + e.Message
            : e is VpDarts.Diagnostics.HostCheckException ? "host check: " + e.Message
            : $"{e.GetType().Name}: {e.Message}";
        error.WriteLine("error: " + OneLine.Tidy(Flatten(message)));
        if (Environment.GetEnvironmentVariable(DebugVariable) == "1") error.WriteLine(e.ToString());
        error.Flush();
        return badInput ? BadInput : Failure;
    }

    /// <summary>Joins the lines of a message with spaces and trims it.</summary>
    public static string Flatten(string message) =>
        string.Join(' ',
            message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    private static Exception Unwrap(Exception e)
    {
        while (e is System.Reflection.TargetInvocationException or AggregateException && e.InnerException is not null)
            e = e.InnerException;
        return e;
    }

    private static string CommandLineMessage(CommandAppException e, IReadOnlyList<string> arguments)
    {
        if (ConversionFailure().Match(e.Message) is { Success: true } conversion)
            return ConversionMessage(conversion.Groups["value"].Value, arguments);

        var message = e.Message.TrimEnd('.');
        if (message.Length > 1 && char.IsUpper(message[0]) && char.IsLower(message[1]))
            message = char.ToLowerInvariant(message[0]) + message[1..];
        var hint = e.Pretty is { } pretty ? DidYouMean().Match(Render(pretty)) : Match.Empty;
        if (hint.Success) return $"{message}; {char.ToLowerInvariant(hint.Value[0])}{hint.Value[1..]}";
        if (UnknownOption().Match(e.Message) is { Success: true } unknown)
        {
            var name = unknown.Groups["name"].Value;
            var typed = (name.Length > 1 ? "--" : "-") + name;
            var nearest = Spelling.Nearest(typed, CliOptions.LongNames);
            return $"unknown option '{typed}'" + (nearest is null ? "" : $"; did you mean '{nearest}'?");
        }
        return message;
    }

    /// <summary><c>--epochs: 'ten' is not a whole number</c>, or <c>--seed: expects a whole number</c> when the value
    /// is missing.</summary>
    private static string ConversionMessage(string value, IReadOnlyList<string> arguments)
    {
        if (value == MissingValue && CliOptions.OptionWithoutValue(arguments) is { } bare)
            return $"{bare}: expects {CliOptions.Expected(CliOptions.ValueType(bare))}, got nothing";
        var option = OptionGiven(arguments, value);
        var quoted = OneLine.Quote(value);
        return option is null
            ? $"{quoted} is not a valid value for its option"
            : $"{option}: {quoted} is not {CliOptions.Expected(CliOptions.ValueType(option))}";
    }

    /// <summary>The option, as typed, given <paramref name="value"/> (<c>--epochs ten</c> or <c>--epochs=ten</c>); null
    /// if none is.</summary>
    private static string? OptionGiven(IReadOnlyList<string> arguments, string value)
    {
        for (var i = 0; i < arguments.Count; i++)
        {
            if (!arguments[i].StartsWith('-')) continue;
            var split = arguments[i].IndexOfAny(['=', ':']);
            if (split > 0 && arguments[i][(split + 1)..] == value) return arguments[i][..split];
            if (split < 0 && i + 1 < arguments.Count && arguments[i + 1] == value
                && CliOptions.ValueType(arguments[i]) != typeof(bool))
                return arguments[i];
        }
        return null;
    }

    private static string Render(Spectre.Console.Rendering.IRenderable renderable)
    {
        var text = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors, Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(text),
        });
        console.Profile.Width = 500;
        console.Write(renderable);
        return text.ToString();
    }

    [GeneratedRegex(@"^Failed to convert '(?<value>.*)' to .*$", RegexOptions.Singleline)]
    private static partial Regex ConversionFailure();

    [GeneratedRegex(@"Did you mean [^\r\n?]*\?")]
    private static partial Regex DidYouMean();

    [GeneratedRegex(@"^Unknown option '(?<name>[^']*)'")]
    private static partial Regex UnknownOption();
}
