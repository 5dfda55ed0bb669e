using System.Diagnostics;
using System.Text.Json.Nodes;
using Xunit.Abstractions;

namespace VpDarts.Tests.Reliability;

/// <summary>A real search process killed with SIGKILL at a random moment resumes to the uninterrupted result.</summary>
public sealed class KillAndResumeTests(ITestOutputHelper output) : TempFolderTests("vpdarts-kill-")
{
    private static readonly string[] Search =
    [
        "search", "--preset", "demo", "--epochs", "4", "--warmup", "1", "--channels", "4", "--train-limit", "400",
        "--valid-limit", "120", "--threads", "1", "--seed", "5",
    ];

    private static readonly Lazy<string> ReferenceRun = new(() =>
    {
        var folder = Path.Combine(Path.GetTempPath(), $"vpdarts-kill-reference-{Guid.NewGuid():N}");
        Assert.Equal(0, Start([.. Search, "--out", folder]).WaitForExitCode());
        return folder;
    });

    [Fact]
    public void SigtermStopsAtAStepCheckpointsAndResumesToTheSameResult()
    {
        var reference = ReferenceRun.Value;
        var stopped = In("stopped");
        var lines = new List<string>();
        var process = Start([.. Search, "--out", stopped], lines);
        var clock = Stopwatch.StartNew();
        while (!Snapshot(lines).Any(l => l.EndsWith("] search", StringComparison.Ordinal)) && !process.HasExited && clock.Elapsed < TimeSpan.FromMinutes(2)) Thread.Sleep(20);
        Assert.False(process.HasExited, "the search finished before it could be stopped");
        Assert.Equal(0, Signal("TERM", process.Id));
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(10)), "the stopped search did not exit: a hang");
        process.WaitForExit();
        Assert.Equal(130, process.ExitCode);
        Assert.Contains(Snapshot(lines), l => l.Contains($"resume with: vpdarts search --resume {stopped}"));
        Assert.NotEmpty(Directory.GetDirectories(Path.Combine(stopped, "checkpoints"), "epoch-*"));

        Assert.Equal(0, Start(["search", "--resume", stopped]).WaitForExitCode());
        Assert.Equal(Result(reference)["arch"]!.GetValue<string>(), Result(stopped)["arch"]!.GetValue<string>());
        Assert.Equal(MetricLines(reference), MetricLines(stopped));
    }

    private static List<string> Snapshot(List<string> lines)
    {
        lock (lines) return lines.ToList();
    }

    private static int Signal(string signal, int pid)
    {
        using var kill = Process.Start("kill", [$"-{signal}", pid.ToString()]);
        kill.WaitForExit();
        return kill.ExitCode;
    }

    [Fact]
    public void KilledSearchResumesToTheSameArchAlphaAndMetrics()
    {
        var reference = ReferenceRun.Value;

        var killed = In("killed");
        var process = Start([.. Search, "--out", killed]);
        var metrics = Path.Combine(killed, "metrics.jsonl");
        var clock = Stopwatch.StartNew();
        while (!File.Exists(metrics) && !process.HasExited && clock.Elapsed < TimeSpan.FromMinutes(2)) Thread.Sleep(50);
        var delay = Random.Shared.Next(0, 4000);
        Thread.Sleep(delay);
        var finishedBeforeKill = process.HasExited;
        if (!finishedBeforeKill) process.Kill(entireProcessTree: true);  // SIGKILL: no chance to clean up
        process.WaitForExit();
        output.WriteLine($"killed {delay} ms after the first epoch (already finished: {finishedBeforeKill}); " +
                         $"checkpoints: {string.Join(", ", Directory.GetDirectories(Path.Combine(killed, "checkpoints")).Select(Path.GetFileName))}");

        Assert.Equal(0, Start(["search", "--resume", killed]).WaitForExitCode());

        Assert.Equal(Result(reference)["arch"]!.GetValue<string>(), Result(killed)["arch"]!.GetValue<string>());
        var alphaA = LastAlpha(reference);
        var alphaB = LastAlpha(killed);
        for (var i = 0; i < alphaA.Length; i++) Assert.True(Math.Abs(alphaA[i] - alphaB[i]) <= 1e-6, $"α[{i}] {alphaA[i]} vs {alphaB[i]}");
        Assert.Equal(MetricLines(reference), MetricLines(killed));
    }

    private static readonly string[] Train =
    [
        "train", "--arch", "|nor_conv_3x3~0|+|skip_connect~0|nor_conv_1x1~1|+|avg_pool_3x3~0|none~1|nor_conv_3x3~2|",
        "--dataset", "demo", "--layers", "1", "--channels", "4", "--epochs", "3", "--batch-size", "64", "--train-limit", "600",
        "--threads", "1", "--seed", "2",
    ];

    [Fact]
    public void KilledTrainingResumesToTheSameWeightsAndMetrics()
    {
        var reference = In("train-reference");
        Assert.Equal(0, Start([.. Train, "--out", reference]).WaitForExitCode());

        var killed = In("train-killed");
        var process = Start([.. Train, "--out", killed]);
        var clock = Stopwatch.StartNew();
        while (!File.Exists(Path.Combine(killed, "metrics.jsonl")) && !process.HasExited && clock.Elapsed < TimeSpan.FromMinutes(2)) Thread.Sleep(20);
        Thread.Sleep(Random.Shared.Next(0, 1500));
        if (!process.HasExited) process.Kill(entireProcessTree: true);
        process.WaitForExit();

        Assert.Equal(0, Start(["train", "--resume", killed]).WaitForExitCode());
        Assert.Equal(MetricLines(reference), MetricLines(killed));
        Assert.Equal(Result(reference)["test_acc"]!.GetValue<double>(), Result(killed)["test_acc"]!.GetValue<double>());
        Assert.Equal(File.ReadAllBytes(Path.Combine(reference, "model", "model.safetensors")),
            File.ReadAllBytes(Path.Combine(killed, "model", "model.safetensors")));
    }

    private static JsonNode Result(string run) => JsonNode.Parse(File.ReadAllText(Path.Combine(run, "result.json")))!;

    private static double[] LastAlpha(string run) =>
        JsonNode.Parse(File.ReadLines(Path.Combine(run, "metrics.jsonl")).Last())!["alpha"]!.AsArray()
            .SelectMany(row => row!.AsArray().Select(v => v!.GetValue<double>())).ToArray();

    private static IEnumerable<string> MetricLines(string run) => File.ReadLines(Path.Combine(run, "metrics.jsonl")).Select(line =>
    {
        var m = JsonNode.Parse(line)!.AsObject();
        m.Remove("seconds");
        m.Remove("images_per_s");
        return m.ToJsonString();
    }).ToList();

    private static Process Start(string[] args, List<string>? stdout = null)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "VpDarts.Cli.dll"));
        foreach (var a in args) start.ArgumentList.Add(a);
        start.Environment.Remove("VPDARTS_NB201_TABLE");
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null && stdout is not null) lock (stdout) stdout.Add(e.Data);
        };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }
}

internal static class ProcessExtensions
{
    public static int WaitForExitCode(this Process process)
    {
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(10)), "the search did not finish: a hang");
        return process.ExitCode;
    }
}
