using System.Diagnostics;

namespace VpDarts.Tests.Support;

/// <summary>Runs another program to its end with its output captured and none of the caller's vpdarts variables.</summary>
public static class ChildProcess
{
    private static readonly string[] CallerVariables = ["VPDARTS", "VPDARTS_DEBUG", "VPDARTS_NB201_TABLE"];

    /// <summary>
    /// Runs <paramref name="file"/> with <paramref name="environment"/> added (a null value removes the variable);
    /// <paramref name="hangGuard"/> only fails a hang.
    /// </summary>
    public static (int Code, string Stdout, string Stderr) Run(string file, IEnumerable<string> arguments, TimeSpan hangGuard,
        IEnumerable<(string Name, string? Value)> environment, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (workingDirectory is not null) start.WorkingDirectory = workingDirectory;
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        foreach (var name in CallerVariables) start.Environment.Remove(name);
        foreach (var (name, value) in environment) start.Environment[name] = value;
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        Assert.True(process.WaitForExit(hangGuard), $"{file} {string.Join(' ', start.ArgumentList)} did not finish: a hang");
        return (process.ExitCode, stdout.Replace("\r\n", "\n"), stderr.Result.Replace("\r\n", "\n"));
    }

    /// <summary>The exit code of <paramref name="file"/> run with <paramref name="arguments"/> (output discarded); -1 when it cannot be started.</summary>
    public static int ExitCode(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        try
        {
            using var process = Process.Start(start)!;
            process.WaitForExit();
            return process.ExitCode;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return -1;
        }
    }

    /// <summary>The built command line and the dotnet host running these tests (so the same runtime runs the CLI).</summary>
    public static (string Host, string Cli) BuiltCli()
    {
        var cli = Path.Combine(AppContext.BaseDirectory, "VpDarts.Cli.dll");
        Assert.True(File.Exists(cli), $"{cli} not built");
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (string.IsNullOrEmpty(host) || !File.Exists(host))
            host = Environment.ProcessPath is { } p && Path.GetFileNameWithoutExtension(p) == "dotnet" ? p : "dotnet";
        return (host, cli);
    }
}
