using System.Diagnostics;
using System.Text.Json.Nodes;

namespace VpDarts.Bench;

/// <summary>Runs each measurement in a fresh process, so peak memory and allocator state are its own.</summary>
internal static class Children
{
    /// <summary>Debian's interpreter, which has python3-torch (a pyenv python on PATH may not).</summary>
    public static string Python => File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";

    public static JsonObject Ours(string mode, int n, int c, int batch, int threads, int steps, IDictionary<string, string>? env = null)
    {
        var self = typeof(Children).Assembly.Location;
        return RunJson("dotnet", [self, "workload", "--mode", mode, "--N", $"{n}", "--C", $"{c}", "--batch", $"{batch}",
            "--threads", $"{threads}", "--steps", $"{steps}"], env).Last();
    }

    public static JsonObject Peer(string script, string mode, int n, int c, int batch, int threads, int steps)
    {
        var wrapper =
            "import json,resource,runpy,sys\n" +
            $"sys.argv=['peer','--mode','{mode}','--N','{n}','--C','{c}','--batch','{batch}','--threads','{threads}','--steps','{steps}']\n" +
            $"runpy.run_path({Quote(script)}, run_name='__main__')\n" +
            "print(json.dumps({'peak_rss_mb': resource.getrusage(resource.RUSAGE_SELF).ru_maxrss/1024.0}))\n";
        var lines = RunJson(Python, ["-c", wrapper], null);
        var result = lines[^2];
        result["peak_rss_mb"] = Math.Round(lines[^1]["peak_rss_mb"]!.GetValue<double>(), 1);
        return result;
    }

    private static string Quote(string text) => "'" + text.Replace("\\", "\\\\").Replace("'", "\\'") + "'";

    private static List<JsonObject> RunJson(string file, string[] args, IDictionary<string, string>? env)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) info.ArgumentList.Add(a);
        if (env is not null) foreach (var (k, v) in env) info.Environment[k] = v;
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"cannot start {file}");
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{file} {string.Join(' ', args.Take(3))} failed ({process.ExitCode}): {stderr.Result.Trim().Split('\n').LastOrDefault()}");
        return stdout.Split('\n').Where(l => l.StartsWith('{')).Select(l => JsonNode.Parse(l)!.AsObject()).ToList();
    }
}
