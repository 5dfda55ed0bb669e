using System.Globalization;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;
using VpDarts.Tests.Data;
using static VpDarts.Tests.Experiments.ExperimentTestSupport;

namespace VpDarts.Tests.Experiments;

public sealed class ClusterAndCollectTests() : TempFolderTests("vpdarts-cluster-")
{
    private const string CellA = "|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|skip_connect~0|nor_conv_1x1~1|nor_conv_3x3~2|";
    private const string CellB = "|nor_conv_1x1~0|+|skip_connect~0|nor_conv_1x1~1|+|nor_conv_3x3~0|nor_conv_3x3~1|nor_conv_3x3~2|";

    [Fact]
    public void SlurmScriptRunsOneSearchPerArrayIndexIntoTheSharedFolder()
    {
        var dir = In("exp");
        var result = Experiment(0, "table1", "--preset", "tiny", "--seeds", "2", "--parallel", "2", "--emit", "slurm", "--table", Table, "--out", dir);
        Assert.Contains($"submit: sbatch {dir}/slurm.sh", result.Out);
        var script = File.ReadAllText(Path.Combine(dir, "slurm.sh"));
        Assert.StartsWith("#!/bin/bash\n", script);
        Assert.Contains("#SBATCH --array=0-5%2\n", script);
        Assert.Contains("#SBATCH --cpus-per-task=1\n", script);
        Assert.Contains("#SBATCH --job-name=vpdarts-table1\n", script);
        Assert.Contains($"EXP={dir}\n", script);
        Assert.Contains("set -- search --config \"$EXP/configs/$I.json\" --out \"$RUN\"", script);
        Assert.Contains("RUN=\"$EXP/runs/$NAME\"", script);
        Assert.Contains("#SBATCH --mem=2G\n", script);  // the tiny preset's memory
        Assert.Contains("#SBATCH --open-mode=append\n", script);
        Assert.DoesNotContain("--gres", script);
        Assert.Equal(["vp-fixed-s0", "vp-adjustable-s0", "darts-s0", "vp-fixed-s1", "vp-adjustable-s1", "darts-s1"],
            File.ReadAllLines(Path.Combine(dir, "runs.txt")));
        Assert.Equal(SearchMethod.Get<DartsMethod>(), SettingsFile<SearchConfig>.Load(Path.Combine(dir, "configs", "5.json")).Method);
        Assert.Equal(Path.Combine(dir, "nb201.csv"), SettingsFile<SearchConfig>.Load(Path.Combine(dir, "configs", "0.json")).Table);
        Assert.False(Directory.Exists(Path.Combine(dir, "runs")));   // nothing ran

        // What the cluster would do for index 4: the script, with vpdarts given as the built CLI.
        var (host, cli) = ChildProcess.BuiltCli();
        var (code, output) = Shell("bash", File.ReadAllText(Path.Combine(dir, "slurm.sh")), ("SLURM_ARRAY_TASK_ID", "4"), ("VPDARTS", $"{host} {cli}"));
        Assert.True(code == 0, output);
        Assert.True(File.Exists(Path.Combine(dir, "runs", "vp-adjustable-s1", "result.json")), output);
        var again = Shell("bash", File.ReadAllText(Path.Combine(dir, "slurm.sh")), ("SLURM_ARRAY_TASK_ID", "4"), ("VPDARTS", $"{host} {cli}"));
        Assert.Contains("vp-adjustable-s1: finished already", again.Output);
        File.Delete(Path.Combine(dir, "runs", "vp-adjustable-s1", "result.json"));  // as if the job had been killed before the end
        var (resumedCode, resumed) = Shell("bash", File.ReadAllText(Path.Combine(dir, "slurm.sh")), ("SLURM_ARRAY_TASK_ID", "4"), ("VPDARTS", $"{host} {cli}"));
        Assert.True(resumedCode == 0, resumed);
        Assert.Contains("resumed from", resumed);
        Assert.True(File.Exists(Path.Combine(dir, "runs", "vp-adjustable-s1", "result.json")), resumed);

        var collected = Experiment(0, "collect", dir);
        Assert.Contains("finished searches: 1 of 6", collected.Out);
        Assert.Contains("| VP-DARTS (adjustable K) | 1 |", File.ReadAllText(Path.Combine(dir, "experiment.md")));
    }

    [Fact]
    public void KubernetesManifestIsAnIndexedJobWhoseIndexPicksTheConfig()
    {
        var dir = In("exp");
        Experiment(0, "fig5", "--preset", "tiny", "--seeds", "3", "--device", "cuda", "--emit", "k8s", "--table", Table, "--out", dir);
        var yaml = File.ReadAllText(Path.Combine(dir, "k8s-job.yaml"));
        Assert.Contains("kind: Job\n", yaml);
        Assert.Contains("  completionMode: Indexed\n", yaml);
        Assert.Contains("  completions: 3\n", yaml);
        Assert.Contains("  parallelism: 3\n", yaml);
        Assert.Contains("name: \"vpdarts-fig5\"\n", yaml);
        Assert.Contains("nvidia.com/gpu: 1", yaml);
        Assert.Contains($"mountPath: \"{dir}\"", yaml);
        Assert.Contains("I=$JOB_COMPLETION_INDEX\n", yaml);
        Assert.Contains("--config \"$EXP/configs/$I.json\"", yaml);
        Assert.Contains("memory: 2Gi", yaml);

        // The container's script, run with the index Kubernetes would set and a vpdarts on PATH that only echoes.
        var lines = yaml.Split('\n');
        var first = Array.FindIndex(lines, l => l.Trim() == "- |") + 1;
        var script = string.Join('\n', lines.Skip(first).TakeWhile(l => l.StartsWith("              ", StringComparison.Ordinal)).Select(l => l[14..]));
        var bin = In("bin");
        Directory.CreateDirectory(bin);
        File.WriteAllText(Path.Combine(bin, "vpdarts"), "#!/bin/sh\necho \"vpdarts $*\"\n");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(Path.Combine(bin, "vpdarts"), UnixFileMode.UserRead | UnixFileMode.UserExecute);
        var (code, output) = Shell("sh", script, ("JOB_COMPLETION_INDEX", "2"), ("EXP", dir), ("PATH", bin + ":" + Environment.GetEnvironmentVariable("PATH")));
        Assert.True(code == 0, output);
        Assert.EndsWith($"\nvpdarts search --config {dir}/configs/2.json --out {dir}/runs/hard-prune-s2\n", output);
        Assert.StartsWith("$ vpdarts search --config ", File.ReadAllText(Path.Combine(dir, "logs", "hard-prune-s2.log")));
        Assert.Equal("cuda", SettingsFile<SearchConfig>.Load(Path.Combine(dir, "configs", "2.json")).Device);
    }

    [Fact]
    public void CollectSummarisesWhateverHasFinished()
    {
        var dir = new ExperimentDirectory(In("exp"));
        var plan = ExperimentPlan.Create("table1", "tiny", SearchPresets.Get("tiny") with { Table = Table }, 2);
        plan.WriteTo(dir);
        Run(dir, plan, "vp-fixed-s0", $$"""{"arch": "{{CellA}}", "search_seconds": 3600}""", metricsLines: 4);
        Run(dir, plan, "vp-fixed-s1", $$"""{"arch": "{{CellB}}", "search_seconds": 7200}""", metricsLines: 4);
        Run(dir, plan, "vp-adjustable-s0", null, metricsLines: 2);
        Run(dir, plan, "darts-s0", "{\"arch\": ", metricsLines: 4);

        var result = Experiment(0, "collect", dir.Root, "--table", Table);
        Assert.Contains("finished searches: 2 of 6", result.Out);
        var table = Nb201Table.Load(Table);
        var a = table.Get(Genotype.Parse(CellA));
        var b = table.Get(Genotype.Parse(CellB));
        var md = File.ReadAllText(dir.ReportPath);
        Assert.Contains("Finished: 2 of 6. Unfinished: vp-adjustable-s0 (2/4 epochs). Not started: vp-adjustable-s1, darts-s1. Unreadable: darts-s0", md);
        Assert.Contains($"| VP-DARTS (fixed K) | 2 | {F((a.Cifar10 + b.Cifar10) / 2)} ± {F(Math.Abs(a.Cifar10 - b.Cifar10) / Math.Sqrt(2))} |", md);
        Assert.Contains($"| Optimum (best table cell of each column) | – | {F(table.Best(Nb201Dataset.Cifar10).Scores.Cifar10)} | " +
                        $"{F(table.Best(Nb201Dataset.Cifar100).Scores.Cifar100)} | {F(table.Best(Nb201Dataset.ImageNet16_120).Scores.ImageNet16_120)} |", md);
        Assert.Contains("sample** standard deviation", md);

        var csv = File.ReadAllLines(dir.In("table1.csv"));
        var fixedRow = csv.Single(l => l.StartsWith("vp-fixed,", StringComparison.Ordinal)).Split(',');
        Assert.Equal("2", fixedRow[2]);
        Assert.Equal((a.Cifar10 + b.Cifar10) / 2, double.Parse(fixedRow[3], CultureInfo.InvariantCulture), 9);
        Assert.Equal(1.5, double.Parse(fixedRow[^2], CultureInfo.InvariantCulture), 9);   // (1 h + 2 h) / 2
        Assert.Equal("", fixedRow[^1]);  // no CPU time recorded (results of an earlier version, or resumed runs)
        Assert.StartsWith("darts,", csv.Single(l => l.StartsWith("darts,", StringComparison.Ordinal)));
        Assert.Contains(csv, l => l.StartsWith($"random-cell,\"Random cell (mean of all 15,625 table cells)\",,{table.Mean(Nb201Dataset.Cifar10).ToString("R", CultureInfo.InvariantCulture)},", StringComparison.Ordinal));
        Assert.Equal(7, File.ReadAllLines(dir.In("runs.csv")).Length);
        Assert.True(new FileInfo(Path.Combine(dir.FiguresPath, "accuracy.png")).Length > 1000);

        // Without --table, collect uses the folder's copy of the table, or the accuracies the runs recorded.
        Experiment(0, "collect", dir.Root);
        Assert.Contains("NB201 accuracies: from each run's `result.json`", File.ReadAllText(dir.ReportPath));
    }

    [Fact]
    public void CollectOfAFolderWithoutAPlanIsOneErrorLine()
    {
        var result = Experiment(2, "collect", Root);
        Assert.StartsWith("error: ", Assert.Single(result.ErrLines));
        Assert.Contains("experiment.json", result.Err);
    }

    [Fact]
    public void ValidFractionOptionReachesEverySearchButFig8KeepsItsOwn()
    {
        var table1 = In("t1");
        Experiment(0, "table1", "--preset", "tiny", "--seeds", "1", "--valid-fraction", "0.25", "--emit", "slurm", "--table", Table, "--out", table1);
        foreach (var i in new[] { 0, 1, 2 })
            Assert.Equal(0.25, SettingsFile<SearchConfig>.Load(Path.Combine(table1, "configs", $"{i}.json")).ValidFraction);

        var fig8 = In("f8");
        Experiment(0, "fig8", "--preset", "tiny", "--seeds", "1", "--valid-fraction", "0.25", "--emit", "slurm", "--table", Table, "--out", fig8);
        Assert.Equal(ExperimentCatalog.ValidFractions,
            Enumerable.Range(0, ExperimentCatalog.ValidFractions.Count)
                .Select(i => SettingsFile<SearchConfig>.Load(Path.Combine(fig8, "configs", $"{i}.json")).ValidFraction));

        var bad = Experiment(2, "table1", "--preset", "tiny", "--valid-fraction", "0", "--table", Table, "--out", In("bad"));
        Assert.Contains("--valid-fraction: must be in (0,1], got 0", Assert.Single(bad.ErrLines));
        Assert.False(Directory.Exists(In("bad")));
    }

    [Fact]
    public void TasksThatFailedBeforeTheirFirstEpochAreListedByCollectAsFailedWithTheirLogsErrorLine()
    {
        var dir = In("exp");
        Experiment(0, "table1", "--preset", "tiny", "--seeds", "1", "--dataset", "folder:" + In("no-such-images"), "--emit", "slurm", "--table", Table, "--out", dir);
        var script = File.ReadAllText(Path.Combine(dir, "slurm.sh"));

        // Task 0: vpdarts given as the path of an executable with a space in it; the dataset folder is missing.
        var vpdarts = Wrapper(In("my tools", "vp darts"));
        var (code, output) = Shell("bash", script, ("SLURM_ARRAY_TASK_ID", "0"), ("VPDARTS", vpdarts));
        Assert.True(code == 2, output);
        Assert.Contains("dataset folder not found", output);

        // Task 1: no vpdarts on PATH at all.
        var (missingCode, missing) = Shell("bash", script, ("SLURM_ARRAY_TASK_ID", "1"), ("PATH", "/usr/bin:/bin"));
        Assert.True(missingCode == 127, missing);

        var failure = RunJson.Parse<SearchFailureRecord>(File.ReadAllText(Path.Combine(dir, "logs", "vp-fixed-s0.failure.json")), "failure.json");
        Assert.Equal($"exit code 2: error: {In("no-such-images")}: dataset folder not found", failure.Reason);
        Assert.NotNull(failure.FailedAt);

        Experiment(0, "collect", dir);
        var md = File.ReadAllText(Path.Combine(dir, "experiment.md"));
        Assert.Contains($"Not started: darts-s0. Failed: vp-fixed-s0 (exit code 2: error: {In("no-such-images")}: dataset folder not found), vp-adjustable-s0 (exit code 127: ", md);
        Assert.Contains("vpdarts: command not found (put vpdarts on PATH on the nodes, or set VPDARTS to it))", md);
        var states = File.ReadAllLines(Path.Combine(dir, "runs.csv")).Skip(1).Select(l => l.Split(',')[3]).ToArray();
        Assert.Equal(["failed", "failed", "notstarted"], states);
    }

    [Fact]
    public async Task AStoppedTaskPassesTheSignalOnWritesNoFailureAndIsListedAsInterrupted()
    {
        var dir = In("exp");
        Experiment(0, "table1", "--preset", "tiny", "--seeds", "1", "--emit", "slurm", "--table", Table, "--out", dir);
        var stub = In("bin", "vpdarts");
        Directory.CreateDirectory(In("bin"));
        File.WriteAllText(stub, "#!/bin/sh\ntrap 'echo \"stopped at a step boundary\"; exit 130' TERM\necho loading data\nwhile :; do sleep 0.1; done\n");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(stub, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        var start = new System.Diagnostics.ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(dir, "slurm.sh"));
        start.Environment["SLURM_ARRAY_TASK_ID"] = "2";
        start.Environment["VPDARTS"] = stub;
        using var task = System.Diagnostics.Process.Start(start)!;
        var stdout = task.StandardOutput.ReadToEndAsync();
        var log = Path.Combine(dir, "logs", "darts-s0.log");
        Assert.True(Poll(() => File.Exists(log) && File.ReadAllText(log).Contains("loading data", StringComparison.Ordinal)), "the task never started its search");
        using (var kill = System.Diagnostics.Process.Start("kill", ["-TERM", task.Id.ToString(CultureInfo.InvariantCulture)])) kill.WaitForExit();  // as scancel signals the batch shell
        Assert.True(task.WaitForExit(TimeSpan.FromMinutes(2)), "the task did not end on SIGTERM");

        Assert.Equal(130, task.ExitCode);
        Assert.Contains("stopped at a step boundary", File.ReadAllText(log));
        Assert.Contains("stopped at a step boundary", await stdout);  // also in the job's own output
        Assert.False(File.Exists(Path.Combine(dir, "logs", "darts-s0.failure.json")));
        Experiment(0, "collect", dir);
        Assert.Contains("Interrupted: darts-s0 (0/4 epochs).", File.ReadAllText(Path.Combine(dir, "experiment.md")));
    }

    [Fact]
    public void CollectReadsRunningInterruptedAndFailedFromTheRunFolderItsLockAndItsLog()
    {
        var dir = new ExperimentDirectory(In("exp"));
        var plan = ExperimentPlan.Create("table1", "tiny", SearchPresets.Get("tiny") with { Table = Table }, 2);
        plan.WriteTo(dir);
        Started(dir, plan, "vp-fixed-s0", metricsLines: 2, lockFile: true);      // locked now: running
        Started(dir, plan, "vp-adjustable-s0", metricsLines: 2, lockFile: true); // lock file, no holder: interrupted
        Started(dir, plan, "darts-s0", metricsLines: 1, lockFile: false);        // an older version's folder: unfinished
        Started(dir, plan, "vp-fixed-s1", metricsLines: 0, lockFile: true);      // its last attempt ended in an error
        Directory.CreateDirectory(dir.In(ClusterJobs.LogsFolder));
        File.WriteAllText(dir.LogPath(plan.Specs.Single(s => s.Name == "vp-fixed-s1")),
            "$ vpdarts search --resume X\nerror: earlier attempt\n$ vpdarts search --resume X\nresuming\nerror: --resume X: config.json: not valid JSON at line 1, column 2\n");
        var vpAdjustable1 = plan.Specs.Single(s => s.Name == "vp-adjustable-s1");  // a second array job's task, refused by the lock: still running
        Started(dir, plan, "vp-adjustable-s1", metricsLines: 3, lockFile: true);
        File.WriteAllText(dir.LogPath(vpAdjustable1), $"$ vpdarts search --resume X\nerror: --resume X: {SearchTaskStatus.InUse} (pid 4242)\n");

        using var held = HoldLock(Path.Combine(dir.RunPath(plan.Specs.Single(s => s.Name == "vp-fixed-s0")), RunLock.FileName));
        using var held2 = HoldLock(Path.Combine(dir.RunPath(vpAdjustable1), RunLock.FileName));
        Experiment(0, "collect", dir.Root);

        var md = File.ReadAllText(dir.ReportPath);
        Assert.Contains("Finished: 0 of 6. Unfinished: darts-s0 (1/4 epochs). Running: vp-fixed-s0 (2/4 epochs), vp-adjustable-s1 (3/4 epochs). " +
                        "Interrupted: vp-adjustable-s0 (2/4 epochs). Not started: darts-s1. " +
                        "Failed: vp-fixed-s1 (error: --resume X: config.json: not valid JSON at line 1, column 2).", md);
        Assert.True(File.Exists(Path.Combine(dir.RunPath(plan.Specs[0]), RunLock.FileName)));  // the probe leaves the lock file as it was

        held.Dispose();
        held2.Dispose();
        Experiment(0, "collect", dir.Root);
        Assert.Contains("Interrupted: vp-fixed-s0 (2/4 epochs), vp-adjustable-s0 (2/4 epochs), vp-adjustable-s1 (3/4 epochs).", File.ReadAllText(dir.ReportPath));
    }

    private static void Started(ExperimentDirectory dir, ExperimentPlan plan, string name, int metricsLines, bool lockFile)
    {
        var spec = plan.Specs.Single(s => s.Name == name);
        Run(dir, plan, name, null, metricsLines);
        File.Copy(dir.ConfigPath(spec), Path.Combine(dir.RunPath(spec), "config.json"));
        if (lockFile) File.WriteAllText(Path.Combine(dir.RunPath(spec), RunLock.FileName), "");
    }

    /// <summary>Holds an exclusive flock(2) on <paramref name="path"/>, as a running search holds its run folder's lock.</summary>
    private static SafeFileHandle HoldLock(string path)
    {
        var handle = File.OpenHandle(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite);
        Assert.True(Flock((int)handle.DangerousGetHandle(), LockExclusive | LockNonBlocking) == 0, $"flock {path}: errno {Marshal.GetLastPInvokeError()}");
        return handle;
    }

    private const int LockExclusive = 2;
    private const int LockNonBlocking = 4;

    [DllImport("libc", EntryPoint = "flock", SetLastError = true)]
    private static extern int Flock(int fd, int operation);

    /// <summary>An executable at <paramref name="path"/> that runs the built CLI with its arguments.</summary>
    private static string Wrapper(string path)
    {
        var (host, cli) = ChildProcess.BuiltCli();
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, $"#!/bin/sh\nexec {Quoted(host)} {Quoted(cli)} \"$@\"\n");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }

    private static string Quoted(string word) => "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    /// <summary>Waits for <paramref name="condition"/>, checking every 50 ms, up to a bound that only guards a hang.</summary>
    private static bool Poll(Func<bool> condition)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > TimeSpan.FromMinutes(2)) return false;
            Thread.Sleep(50);
        }
        return true;
    }

    private static string F(double v) => v.ToString("F2", CultureInfo.InvariantCulture);

    private static void Run(ExperimentDirectory dir, ExperimentPlan plan, string name, string? result, int metricsLines)
    {
        var root = dir.RunPath(plan.Specs.Single(s => s.Name == name));
        Directory.CreateDirectory(root);
        File.WriteAllLines(Path.Combine(root, "metrics.jsonl"), Enumerable.Range(0, metricsLines).Select(e => $"{{\"epoch\": {e}}}"));
        if (result is not null) File.WriteAllText(Path.Combine(root, "result.json"), result);
    }
}
