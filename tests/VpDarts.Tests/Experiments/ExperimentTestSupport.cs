using VpDarts.Tests.Cli;

namespace VpDarts.Tests.Experiments;

/// <summary>Shared helpers of the experiment tests.</summary>
internal static class ExperimentTestSupport
{
    /// <summary>Runs <c>vpdarts experiment ...</c> in-process and asserts the exit code.</summary>
    public static CliResult Experiment(int expectedExit, params string[] args)
    {
        var result = CliHarness.Run(["experiment", .. args]);
        Assert.True(result.ExitCode == expectedExit, result.ToString());
        return result;
    }

    /// <summary>Runs a shell script with extra environment variables; returns exit code and combined output.</summary>
    public static (int Code, string Output) Shell(string shell, string script, params (string Name, string Value)[] environment) =>
        Run(Directory.GetCurrentDirectory(), shell, ["-c", script], TimeSpan.FromMinutes(10), environment);

    /// <summary>
    /// Runs <paramref name="file"/> in <paramref name="workingDirectory"/> with the given environment (and none of the
    /// caller's vpdarts variables); returns exit code and combined output. <paramref name="hangGuard"/> only fails a hang.
    /// </summary>
    public static (int Code, string Output) Run(string workingDirectory, string file, IEnumerable<string> arguments, TimeSpan hangGuard,
        params (string Name, string Value)[] environment)
    {
        var (code, stdout, stderr) = ChildProcess.Run(file, arguments, hangGuard, environment.Select(v => (v.Name, (string?)v.Value)), workingDirectory);
        return (code, stdout + stderr);
    }

    /// <summary>The NB201 table shipped beside the checkout.</summary>
    public static string Table => Shared.Nb201Table;
}
