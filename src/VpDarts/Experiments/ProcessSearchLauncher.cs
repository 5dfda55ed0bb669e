using VpDarts.Runs;

namespace VpDarts.Experiments;

/// <summary>
/// Runs each search as a child process of the command line (<c>… search --config configs/&lt;i&gt;.json --out
/// runs/&lt;name&gt;</c>), so searches can run side by side with their own torch thread counts, and a crash of one
/// cannot take the others down. Output goes to the search's log file; cancelling kills the child.
/// </summary>
/// <param name="fileName">Program to start (the <c>vpdarts</c> executable, or the dotnet host).</param>
/// <param name="prefixArguments">Arguments before <c>search</c> (the CLI assembly when the host is dotnet).</param>
public sealed class ProcessSearchLauncher(string fileName, IReadOnlyList<string> prefixArguments) : ISearchLauncher
{
    /// <inheritdoc />
    public bool RunsConcurrently => true;

    /// <summary>
    /// The command line a search runs with, for logs and messages: a search that started before (its folder holds
    /// its settings) continues with <c>--resume</c>, a new one starts with its config file.
    /// </summary>
    public IReadOnlyList<string> Arguments(SearchSpec spec, ExperimentDirectory dir) =>
        File.Exists(new RunDirectory(dir.RunPath(spec)).ConfigPath)
            ? [.. prefixArguments, "search", "--resume", dir.RunPath(spec)]
            : [.. prefixArguments, "search", "--config", dir.ConfigPath(spec), "--out", dir.RunPath(spec)];

    /// <inheritdoc />
    public string? Run(SearchSpec spec, ExperimentDirectory dir, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(dir);
        using var writer = dir.OpenLog(spec);
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var arg in Arguments(spec, dir)) start.ArgumentList.Add(arg);
        writer.WriteLine("$ " + string.Join(' ', start.ArgumentList.Prepend(fileName)));
        var lastError = "";
        var gate = new object();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => { if (e.Data is { } line) lock (gate) writer.WriteLine(line); };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not { } line) return;
            lock (gate)
            {
                writer.WriteLine(line);
                if (line.Trim().Length > 0) lastError = line.Trim();
            }
        };
        try { process.Start(); }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            return $"cannot start {fileName}: {OneLine.Of(e)}";
        }
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using (cancel.Register(() =>
            { try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { } }))
            process.WaitForExit();
        cancel.ThrowIfCancellationRequested();
        if (process.ExitCode == 0) return null;
        lock (gate) return $"exit code {process.ExitCode}" + (lastError.Length > 0 ? $": {lastError}" : "");
    }
}
