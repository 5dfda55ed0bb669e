using VpDarts.Cli;

namespace VpDarts.Tests.Cli;

/// <summary>How exceptions become the one error line and the exit code.</summary>
public class CliErrorsTests
{
    [Fact]
    public void Bad_input_exits_2_with_the_message_alone()
    {
        Assert.Equal(("error: t.csv: file not found", 2), Report(new UserInputException("t.csv: file not found")));
    }

    [Fact]
    public void Native_start_up_failure_is_bad_environment_input_on_one_line()
    {
        var (line, code) = Report(new NativeBootstrapException("cannot find libLibTorchSharp.so\nin the search directories"));
        Assert.Equal(2, code);
        Assert.Equal("error: TorchSharp native start-up: cannot find libLibTorchSharp.so in the search directories", line);
    }

    [Fact]
    public void Unexpected_exceptions_exit_1_with_their_type()
    {
        Assert.Equal(("error: InvalidOperationException: broken", 1), Report(new InvalidOperationException("broken")));
        Assert.Equal(("error: KeyNotFoundException: no key", 1), Report(new KeyNotFoundException("no key")));
    }

    [Fact]
    public void Wrapped_exceptions_are_reported_as_their_cause()
    {
        Assert.Equal(("error: bad file", 2), Report(new AggregateException(new UserInputException("bad file"))));
        Assert.Equal(("error: bad arch", 2),
            Report(new System.Reflection.TargetInvocationException(new UserInputException("bad arch"))));
    }

    [Fact]
    public void Multi_line_messages_are_joined()
    {
        Assert.Equal("a b c", CliErrors.Flatten("  a\r\n b\n\nc  "));
    }

    private static (string Line, int Code) Report(Exception e)
    {
        var writer = new StringWriter();
        var code = CliErrors.Report(e, writer);
        var text = writer.ToString();
        if (Environment.GetEnvironmentVariable(CliErrors.DebugVariable) != "1")
            Assert.Single(text.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        return (text.Split('\n')[0].TrimEnd('\r'), code);
    }
}
