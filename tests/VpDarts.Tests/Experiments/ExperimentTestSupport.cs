using System.Diagnostics;
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

    /// <summary>The built command line and the dotnet host that runs it.</summary>
    public static (string Host, string Cli) BuiltCli()
    {
        var cli = Path.Combine(AppContext.BaseDirectory, "VpDarts.Cli.dll");
        Assert.True(File.Exists(cli), $"{cli} not built");
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (string.IsNullOrEmpty(host) || !File.Exists(host))
            host = Environment.ProcessPath is { } p && Path.GetFileNameWithoutExtension(p) == "dotnet" ? p : "dotnet";
        return (host, cli);
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
        var start = new ProcessStartInfo(file)
        {
            WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        start.Environment.Remove("VPDARTS");
        start.Environment.Remove("VPDARTS_NB201_TABLE");
        foreach (var (name, value) in environment) start.Environment[name] = value;
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        Assert.True(process.WaitForExit(hangGuard), "the script did not finish: a hang");
        return (process.ExitCode, stdout + stderr.Result);
    }

    /// <summary>The NB201 table shipped beside the checkout.</summary>
    public static string Table => Shared.Nb201Table;
}
