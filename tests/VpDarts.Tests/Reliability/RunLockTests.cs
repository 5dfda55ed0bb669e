using System.Diagnostics;
using System.Text.Json.Nodes;
using VpDarts.Runs;
using VpDarts.Tests.Cli;

namespace VpDarts.Tests.Reliability;

/// <summary>
/// One writer per run folder: a search or training holds an OS lock on the folder from before its first write to its
/// end, a second one is refused with one line naming the holder and writes nothing, and the lock of a process that
/// died is no lock. The CLI runs as a child process here, so that the lock separates processes as it does for users.
/// </summary>
public sealed class RunLockTests() : TempFolderTests("vpdarts-run-lock-")
{
    private static readonly string[] Tiny = ["search", "--preset", "tiny", "--epochs", "2"];

    /// <summary>
    /// Every file and folder below <paramref name="dir"/>, hidden ones included, with each file's bytes; the held lock
    /// file, which .NET cannot open while it is locked, by its size and time of last change.
    /// </summary>
    private static Dictionary<string, byte[]?> Snapshot(string dir) =>
        Directory.GetFileSystemEntries(dir, "*", SearchOption.AllDirectories).ToDictionary(p => Path.GetRelativePath(dir, p), p =>
            !File.Exists(p) ? null
            : Path.GetFileName(p) == RunLock.FileName ? System.Text.Encoding.UTF8.GetBytes($"{new FileInfo(p).Length} {File.GetLastWriteTimeUtc(p).Ticks}")
            : File.ReadAllBytes(p));

    private static void AssertUnchanged(Dictionary<string, byte[]?> before, string dir)
    {
        var after = Snapshot(dir);
        Assert.Equal(before.Keys.Order(StringComparer.Ordinal), after.Keys.Order(StringComparer.Ordinal));
        foreach (var (entry, bytes) in before)
            Assert.True(bytes is null ? after[entry] is null : after[entry] is { } now && bytes.AsSpan().SequenceEqual(now), $"{entry} changed");
    }

    private static (int Code, string Stdout, string Stderr) Cli(params string[] args)
    {
        var (host, cli) = ChildProcess.BuiltCli();
        return ChildProcess.Run(host, [cli, .. args], TimeSpan.FromMinutes(10), []);
    }

    private static Process StartCli(params string[] args)
    {
        var (host, cli) = ChildProcess.BuiltCli();
        var start = new ProcessStartInfo(host) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args.Prepend(cli)) start.ArgumentList.Add(arg);
        foreach (var name in new[] { "VPDARTS", "VPDARTS_DEBUG", "VPDARTS_NB201_TABLE" }) start.Environment.Remove(name);
        return Process.Start(start)!;
    }

    private static (int Code, string Stdout, string Stderr) Finish(Process process)
    {
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(10)), "a child search did not finish: a hang");
        return (process.ExitCode, stdout, stderr.Result);
    }

    /// <summary>The run in <paramref name="run"/> is one run: config, result and the printed start line agree on the seed; one metrics line per epoch; one TensorBoard file.</summary>
    private static void AssertOneConsistentRun(string run, int seed)
    {
        var config = JsonNode.Parse(File.ReadAllText(Path.Combine(run, "config.json")))!;
        var result = JsonNode.Parse(File.ReadAllText(Path.Combine(run, "result.json")))!;
        Assert.Equal(seed, config["seed"]!.GetValue<int>());
        Assert.Equal(seed, result["seed"]!.GetValue<int>());
        Assert.Equal(2, File.ReadAllLines(Path.Combine(run, "metrics.jsonl")).Count(l => l.Trim().Length > 0));
        Assert.Single(Directory.GetFiles(Path.Combine(run, "tensorboard")));
    }

    [Fact]
    public void ASecondWriterIsRefusedWithOneLineNamingTheHolderAndWritesNothing()
    {
        var run = In("run");
        Directory.CreateDirectory(run);
        using (RunLock.Acquire(run, "--out", "vpdarts search"))
        {
            var before = Snapshot(run);
            Assert.Equal([RunLock.FileName], before.Keys);

            foreach (var options in new[] { new[] { "--seed", "6" }, ["--seed", "6", "--force"] })
            {
                var (code, _, stderr) = Cli([.. Tiny, .. options, "--out", run]);
                Assert.Equal(2, code);
                var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
                Assert.StartsWith($"error: --out {run}: in use by another vpdarts process (pid {Environment.ProcessId} on {Environment.MachineName}, 'vpdarts search', since ", line);
                Assert.EndsWith(" UTC); wait for it or choose another folder", line);
                AssertUnchanged(before, run);
            }
        }

        var first = CliHarness.Run([.. Tiny, "--seed", "5", "--out", run]);  // released: the folder is free again
        Assert.True(first.ExitCode == 0, first.ToString());
        AssertOneConsistentRun(run, 5);
    }

    [Fact]
    public void AResumeTakesTheSameLock()
    {
        var run = In("run");
        var first = CliHarness.Run([.. Tiny, "--out", run]);
        Assert.True(first.ExitCode == 0, first.ToString());
        using (RunLock.Acquire(run, "--out", "vpdarts report"))
        {
            var before = Snapshot(run);
            var (code, _, stderr) = Cli("search", "--resume", run);
            Assert.Equal(2, code);
            var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.Contains($"--resume {run}: in use by another vpdarts process (pid {Environment.ProcessId} ", line);
            Assert.Contains("'vpdarts report'", line);
            AssertUnchanged(before, run);
        }
    }

    [Fact]
    public void TwoSearchesStartedTogetherOnANewFolderLeaveOneConsistentRun()
    {
        var run = In("new", "X");
        using var five = StartCli([.. Tiny, "--seed", "5", "--out", run]);
        using var six = StartCli([.. Tiny, "--seed", "6", "--out", run]);
        var results = new[] { (Seed: 5, Result: Finish(five)), (Seed: 6, Result: Finish(six)) };

        Assert.Equal([0, 2], results.Select(r => r.Result.Code).Order());
        var winner = results.Single(r => r.Result.Code == 0);
        var loser = results.Single(r => r.Result.Code == 2);
        var line = Assert.Single(loser.Result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        // Overlapping, the loser meets the lock; started after the winner ended, it meets a finished run.
        Assert.True(line.Contains($"--out {run}: in use by another vpdarts process (pid ") || line.Contains($"--out {run}: already holds a run"), line);
        AssertOneConsistentRun(run, winner.Seed);
    }

    [Fact]
    public void TheLockOfAProcessThatDiedIsIgnored()
    {
        var run = In("run");
        using var holder = StartCli([.. Tiny, "--epochs", "50", "--out", run]);
        var deadline = Stopwatch.StartNew();
        RunLockHolder? who = null;
        while (!RunLock.HeldElsewhere(run, out who) || who is null)
        {
            Assert.False(holder.HasExited, "the holder ended before it took the lock");
            Assert.True(deadline.Elapsed < TimeSpan.FromMinutes(5), "the holder never took the lock");
            Thread.Sleep(50);
        }
        Assert.Equal(holder.Id, who!.Pid);
        holder.Kill();  // SIGKILL: no chance to clean up
        holder.WaitForExit();

        Assert.False(RunLock.HeldElsewhere(run, out _));
        Assert.Contains(holder.Id.ToString(), File.ReadAllText(Path.Combine(run, RunLock.FileName)));  // the dead holder's record is still there
        var (code, _, stderr) = Cli([.. Tiny, "--seed", "7", "--out", run, "--force"]);
        Assert.True(code == 0, stderr);
        AssertOneConsistentRun(run, 7);
    }

    [Fact]
    public void OneProcessMayTakeAFolderAgainAndReleasesItWithTheLastHandle()
    {
        var run = In("run");
        Directory.CreateDirectory(run);
        var outer = RunLock.Acquire(run, "--out", "vpdarts search");
        var inner = RunLock.Acquire(run, "RUN_DIR", "vpdarts report");  // nested, as a report at the end of a search
        inner.Dispose();
        inner.Dispose();  // a second dispose of one handle releases nothing more
        var (code, _, stderr) = Cli([.. Tiny, "--out", run]);
        Assert.Equal(2, code);
        Assert.Contains("in use by another vpdarts process", stderr);
        Assert.Contains("'vpdarts search'", stderr);
        outer.Dispose();

        var (after, _, afterErr) = Cli([.. Tiny, "--out", run]);
        Assert.True(after == 0, afterErr);
    }
    [Fact]
    public void ARunFolderNamedThroughASymbolicLinkIsThatFolderToTheEnd()
    {
        var real = In("real");
        var link = In("link");
        Directory.CreateDirectory(real);
        File.CreateSymbolicLink(link, real);
        var (code, _, stderr) = Cli([.. Tiny, "--seed", "3", "--out", link]);
        Assert.True(code == 0, stderr);
        AssertOneConsistentRun(real, 3);

        var (again, _, againErr) = Cli([.. Tiny, "--seed", "4", "--out", link, "--force"]);  // replaced through the link, too
        Assert.True(again == 0, againErr);
        AssertOneConsistentRun(real, 4);
        Assert.Equal(real, new DirectoryInfo(link).LinkTarget);
    }

    [Fact]
    public void ALookAtTheLockDoesNotRefuseARunThatStartsAtThatMoment()
    {
        var run = In("run");
        Directory.CreateDirectory(run);
        var lockFile = Path.Combine(run, RunLock.FileName);
        File.WriteAllText(lockFile, "");
        // A shared lock, as experiment collect takes for an instant to see whether the folder is held; let go from another thread.
        using var look = File.OpenHandle(lockFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        Assert.True(Flock((int)look.DangerousGetHandle(), LockShared | LockNonBlocking) == 0, $"flock: errno {System.Runtime.InteropServices.Marshal.GetLastPInvokeError()}");
        var released = -1;
        var release = new Thread(() =>
        {
            Thread.Sleep(20);
            released = Flock((int)look.DangerousGetHandle(), LockUnlock);
        });
        release.Start();

        using var writer = RunLock.Acquire(run, "--out", "vpdarts search");  // waits out the look instead of refusing the run
        release.Join();
        Assert.Equal(0, released);
        Assert.True(RunLock.HeldElsewhere(run, out _) == false && writer.Folder == Path.GetFullPath(run));
        var (code, _, stderr) = Cli([.. Tiny, "--out", run]);  // and it is held: another process is refused
        Assert.Equal(2, code);
        Assert.Contains("in use by another vpdarts process", stderr);
    }

    [Fact]
    public void DeletingTheLockFileLetsNoSecondWriterIn()
    {
        var run = In("run");
        var first = CliHarness.Run([.. Tiny, "--out", run]);
        Assert.True(first.ExitCode == 0, first.ToString());
        using (RunLock.Acquire(run, "--out", "vpdarts search"))
        {
            File.Delete(Path.Combine(run, RunLock.FileName));  // the folder itself stays locked
            var before = Snapshot(run);
            foreach (var args in new[] { new[] { "search", "--resume", run }, [.. Tiny, "--seed", "6", "--force", "--out", run] })
            {
                var (code, _, stderr) = Cli(args);
                Assert.Equal(2, code);
                Assert.Contains($" {run}: in use by another vpdarts process (whose record {RunLock.FileName} was deleted)",
                    Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries)));
                AssertUnchanged(before, run);
            }
        }
    }

    [Fact]
    public void TheLockFileIsNeverWrittenThroughASymbolicLink()
    {
        var run = In("run");
        var first = CliHarness.Run([.. Tiny, "--out", run]);
        Assert.True(first.ExitCode == 0, first.ToString());
        var victim = In("victim.txt");
        File.WriteAllText(victim, "precious\n");
        var lockFile = Path.Combine(run, RunLock.FileName);
        File.Delete(lockFile);
        File.CreateSymbolicLink(lockFile, victim);
        foreach (var args in new[] { new[] { "search", "--resume", run }, [.. Tiny, "--force", "--out", run] })
        {
            var (code, _, stderr) = Cli(args);
            Assert.Equal(2, code);
            Assert.Equal($"error: {args[^2]} {run}: the lock file {RunLock.FileName} is a symbolic link, which vpdarts never writes through; remove it",
                Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries)));
            Assert.Equal("precious\n", File.ReadAllText(victim));
            Assert.Equal(victim, new FileInfo(lockFile).LinkTarget);
        }
    }

    [Fact]
    public void ARunWhoseFolderIsMovedStopsWithOneLineAndWritesNothingAtTheOldPath()
    {
        var run = In("run");
        var moved = In("moved");
        using var search = StartCli([.. Tiny, "--epochs", "50", "--out", run]);
        var deadline = Stopwatch.StartNew();
        while (!File.Exists(Path.Combine(run, "checkpoints", "epoch-0001", "state.json")))
        {
            Assert.False(search.HasExited, "the search ended before its first checkpoint");
            Assert.True(deadline.Elapsed < TimeSpan.FromMinutes(5), "the search never wrote its first checkpoint");
            Thread.Sleep(20);
        }
        Directory.Move(run, moved);

        var (code, _, stderr) = Finish(search);
        Assert.Equal(2, code);
        Assert.Equal($"error: {run}: the run folder was moved or removed while the run wrote it; nothing more is written",
            Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries)));
        Assert.False(Directory.Exists(run), "the old path was made again");
        Assert.True(File.Exists(Path.Combine(moved, "checkpoints", "epoch-0001", "state.json")));
    }

    private const int LockShared = 1;
    private const int LockNonBlocking = 4;
    private const int LockUnlock = 8;

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "flock", SetLastError = true)]
    private static extern int Flock(int fd, int operation);
}
