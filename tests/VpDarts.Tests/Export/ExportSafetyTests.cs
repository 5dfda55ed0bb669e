using System.Diagnostics;
using VpDarts.Runs;
using VpDarts.Runtime;
using VpDarts.Tests.Cli;
using VpDarts.Tests.Data;
using VpDarts.Tests.Training;

namespace VpDarts.Tests.Export;

/// <summary>
/// <c>vpdarts export --onnx</c> never writes over what it reads or over the run's record, whatever path names it and
/// with <c>--force</c> too; and the temporaries of killed exports do not stay forever.
/// </summary>
[Collection(TrainCollection.Name)]
public sealed class ExportSafetyTests(TrainFixture fixture)
{
    /// <summary>A copy of the trained tiny run (checkpoints, model and all) in <paramref name="dir"/>/run.</summary>
    private string CopyOfRun(TempDir dir, string name = "run")
    {
        var source = fixture.TinyRun.RunDirectory;
        var copy = dir.In(name);
        foreach (var folder in Directory.GetDirectories(source, "*", SearchOption.AllDirectories))
            Directory.CreateDirectory(Path.Combine(copy, Path.GetRelativePath(source, folder)));
        Directory.CreateDirectory(copy);
        foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
            File.Copy(file, Path.Combine(copy, Path.GetRelativePath(source, file)));
        return copy;
    }

    /// <summary>Every file below <paramref name="folder"/> with its bytes (links followed), and every folder.</summary>
    private static SortedDictionary<string, string> Snapshot(string folder, string? except = null) => new(
        Directory.EnumerateFileSystemEntries(folder, "*", SearchOption.AllDirectories).Where(p => Path.GetFileName(p) != except).ToDictionary(
            p => Path.GetRelativePath(folder, p),
            p => File.Exists(p) ? Convert.ToBase64String(File.ReadAllBytes(p)) : "folder"),
        StringComparer.Ordinal);

    private static void Ln(params string[] args)
    {
        using var ln = Process.Start(new ProcessStartInfo("ln", args) { RedirectStandardError = true })!;
        ln.WaitForExit();
        Assert.True(ln.ExitCode == 0, ln.StandardError.ReadToEnd());
    }

    public static TheoryData<string, string> Targets() => new()
    {
        { "run/model/model.safetensors", "is the model's model.safetensors; export never writes over the model's own files" },
        { "run/model/model.json", "is the model's model.json; export never writes over the model's own files" },
        { "run/model/model.bin", "is the model's model.bin; export never writes over the model's own files" },
        { "run/model/../model/./model.safetensors", "is the model's model.safetensors; export never writes over the model's own files" },
        { "link-to-model/model.safetensors", "is the model's model.safetensors; export never writes over the model's own files" },
        { "weights-symlink.onnx", "is the model's model.safetensors; export never writes over the model's own files" },
        { "weights-hardlink.onnx", "is the model's model.safetensors; export never writes over the model's own files" },
        { "run/config.json", "would overwrite the run's config.json in" },
        { "run/metrics.jsonl", "would overwrite the run's metrics.jsonl in" },
        { "run/result.json", "would overwrite the run's result.json in" },
        { "run/checkpoints/FIRST", "would overwrite the run's checkpoints/ in" },
        { "run/checkpoints/new.onnx", "would overwrite the run's checkpoints/ in" },
        { "run/.vpdarts-lock", "would overwrite the run's .vpdarts-lock in" },
        { "run/.vpdarts-replaced/x.onnx", "would overwrite the run's .vpdarts-replaced in" },
    };

    [Theory]
    [MemberData(nameof(Targets))]
    public void ExportOntoItsOwnInputOrTheRunsRecordIsRefusedEvenWithForceAndChangesNothing(string target, string message)
    {
        using var dir = new TempDir();
        var run = CopyOfRun(dir);
        Ln("-s", Path.Combine(run, "model"), dir.In("link-to-model"));
        Ln("-s", Path.Combine(run, "model", ModelExport.SafetensorsFile), dir.In("weights-symlink.onnx"));
        Ln(Path.Combine(run, "model", ModelExport.SafetensorsFile), dir.In("weights-hardlink.onnx"));
        var firstCheckpointFile = Directory.GetFiles(Path.Combine(run, "checkpoints"), "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).First();
        var path = target == "run/checkpoints/FIRST" ? firstCheckpointFile : Path.Combine(dir.Path, target);
        var before = Snapshot(dir.Path);

        foreach (var model in new[] { run, Path.Combine(run, "model", ModelExport.SafetensorsFile) })
        {
            var result = CliHarness.Run("export", model, "--onnx", "--out", path, "--force");
            Assert.True(result.ExitCode == 2, result.ToString());
            var line = Assert.Single(result.ErrLines);
            Assert.StartsWith($"error: --out: {Path.GetFullPath(path)} ", line);
            Assert.Contains(message, line);
            Assert.Equal(before, Snapshot(dir.Path));
        }
    }

    [Fact]
    public void TheDefaultModelOnnxIsWrittenAndTemporariesOfKilledExportsAreRemoved()
    {
        using var dir = new TempDir();
        var run = CopyOfRun(dir);
        var modelDir = Path.Combine(run, "model");
        int deadPid;
        using (var finished = Process.Start(new ProcessStartInfo("true"))!)
        {
            finished.WaitForExit();
            deadPid = finished.Id;
        }
        var stale = Path.Combine(modelDir, $".{OnnxExport.FileName}.{deadPid}.{Guid.NewGuid():N}.tmp");
        var live = Path.Combine(modelDir, $".{OnnxExport.FileName}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        var otherFile = Path.Combine(modelDir, $".{ModelExport.InfoFile}.{deadPid}.{Guid.NewGuid():N}.tmp");
        var notOurs = Path.Combine(modelDir, $".{OnnxExport.FileName}.notes.tmp");
        foreach (var file in new[] { stale, live, otherFile, notOurs }) File.WriteAllText(file, "half an ONNX model");

        var result = CliHarness.Succeeds("export", run, "--onnx");
        var onnx = Path.Combine(modelDir, OnnxExport.FileName);
        Assert.StartsWith($"wrote {onnx}: ONNX opset 17", result.Out);
        Assert.Equal(fixture.TinyRun.Arch.ToString(), OnnxRunner.Metadata(onnx)["arch"]);
        Assert.False(File.Exists(stale), "the temporary of a process that no longer runs is removed");
        Assert.True(File.Exists(live), "the temporary of a running process is kept");
        Assert.True(File.Exists(otherFile), "only the target's temporaries are looked at");
        Assert.True(File.Exists(notOurs), "a file not named as AtomicFile names temporaries is kept");

        // Replacing the default file with --force is still allowed.
        CliHarness.Succeeds("export", run, "--onnx", "--force");
        Assert.True(File.Exists(onnx));
    }
    [Fact]
    public void ExportAndReportOfARunAnotherProcessIsWritingAreRefusedAndChangeNothing()
    {
        using var dir = new TempDir();
        var run = CopyOfRun(dir);
        var lockFile = Path.Combine(run, RunLock.FileName);
        File.WriteAllText(lockFile, "");
        // util-linux's flock(1) holds the folder's lock as a running training would, from another process.
        using var holder = Process.Start(new ProcessStartInfo("flock", ["--exclusive", "--nonblock", "--no-fork", lockFile, "sleep", "600"]))!;
        try
        {
            var waited = Stopwatch.StartNew();
            while (!RunLock.HeldElsewhere(run, out _))
            {
                Assert.False(holder.HasExited, "flock(1) could not take the lock");
                Assert.True(waited.Elapsed < TimeSpan.FromMinutes(5), "flock(1) never took the lock");
                Thread.Sleep(20);
            }
            // The held lock file cannot be read by .NET (its own file sharing takes flock too); everything else is compared.
            SortedDictionary<string, string> Record() => Snapshot(dir.Path, except: RunLock.FileName);
            var before = Record();

            foreach (var command in new[] { new[] { "export", run, "--onnx", "--force" }, ["report", run] })
            {
                var result = CliHarness.Run(command);
                Assert.True(result.ExitCode == 2, result.ToString());
                var line = Assert.Single(result.ErrLines);
                Assert.StartsWith($"error: RUN_DIR {Path.GetFullPath(run)}: in use by another vpdarts process", line);
                Assert.Equal(before, Record());
            }
        }
        finally
        {
            holder.Kill();
            holder.WaitForExit();
        }
        CliHarness.Succeeds("report", run);  // released: the folder is free again
    }

    public static TheoryData<string, string> OtherRunsTargets() => new()
    {
        { "other/model/model.safetensors", "is the model.safetensors of the model folder" },
        { "other/model/model.json", "is the model.json of the model folder" },
        { "lone-model/model.safetensors", "is the model.safetensors of the model folder" },
        { "other/config.json", "would overwrite the run's config.json in" },
        { "other/metrics.jsonl", "would overwrite the run's metrics.jsonl in" },
        { "other/.vpdarts-lock", "would overwrite the run's .vpdarts-lock in" },
        { "other/checkpoints/new.onnx", "would overwrite the run's checkpoints/ in" },
    };

    [Theory]
    [MemberData(nameof(OtherRunsTargets))]
    public void ExportOntoAnotherRunsRecordOrAnotherModelsFilesIsRefusedEvenWithForce(string target, string message)
    {
        using var dir = new TempDir();
        var run = CopyOfRun(dir);
        var other = CopyOfRun(dir, "other");
        Directory.CreateDirectory(dir.In("lone-model"));
        foreach (var file in Directory.GetFiles(Path.Combine(other, "model")))
            File.Copy(file, Path.Combine(dir.In("lone-model"), Path.GetFileName(file)));
        var path = Path.Combine(dir.Path, target);
        var before = Snapshot(dir.Path);

        var result = CliHarness.Run("export", run, "--onnx", "--out", path, "--force");
        Assert.True(result.ExitCode == 2, result.ToString());
        var line = Assert.Single(result.ErrLines);
        Assert.StartsWith($"error: --out: {Path.GetFullPath(path)} ", line);
        Assert.Contains(message, line);
        Assert.Equal(before, Snapshot(dir.Path));
    }

    [Theory]
    [InlineData("p")]
    [InlineData("c")]
    public void ExportOntoANamedPipeOrADeviceIsRefusedAndLeavesItInPlace(string type)
    {
        using var dir = new TempDir();
        var run = CopyOfRun(dir);
        var target = dir.In("special");
        // A FIFO works for any user; a device node (here a copy of /dev/null's numbers, made inside the temp folder) needs root.
        using (var make = Process.Start(new ProcessStartInfo(type == "p" ? "mkfifo" : "mknod", type == "p" ? [target] : [target, "c", "1", "3"])
               { RedirectStandardError = true })!)
        {
            make.WaitForExit();
            if (make.ExitCode != 0)
            {
                Assert.Equal("c", type);  // mknod without root: nothing to try
                return;
            }
        }
        var kind = type == "p" ? FileKind.NamedPipe : FileKind.CharacterDevice;
        Assert.Equal(kind, RegularFile.KindOf(target));

        var result = CliHarness.Run("export", run, "--onnx", "--out", target, "--force");
        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Equal($"error: --out: {target} is not a regular file ({(type == "p" ? "a named pipe" : "a character device")}); " +
                     "export replaces only regular files: name another file", Assert.Single(result.ErrLines));
        Assert.Equal(kind, RegularFile.KindOf(target));
        Assert.Empty(Directory.GetFiles(dir.Path, ".special.*"));

        // AtomicFile itself refuses to put a file in its place, for every caller.
        var e = Assert.Throws<UserInputException>(() => AtomicFile.WriteAllText(target, "x"));
        Assert.Contains("not a regular file", e.Message);
        Assert.Equal(kind, RegularFile.KindOf(target));
    }
    [Fact]
    public void ExportIntoARunFolderOutsideTheExportedModelsFolderIsRefusedAndCreatesNothing()
    {
        using var dir = new TempDir();
        var run = CopyOfRun(dir);
        var other = dir.In("other");
        Directory.CreateDirectory(other);
        foreach (var file in Directory.GetFiles(run)) File.Copy(file, Path.Combine(other, Path.GetFileName(file)));  // another run's folder
        var before = Snapshot(dir.Path);

        foreach (var target in new[] { Path.Combine(other, "newdir", "x.onnx"), Path.Combine(run, "deploy.onnx"), Path.Combine(run, "newdir", "x.onnx") })
        {
            var result = CliHarness.Run("export", run, "--onnx", "--out", target);
            Assert.True(result.ExitCode == 2, result.ToString());
            Assert.StartsWith($"error: --out: {target} lies inside the run folder ", Assert.Single(result.ErrLines));
            Assert.Equal(before, Snapshot(dir.Path));
        }
        CliHarness.Succeeds("export", run, "--onnx", "--out", Path.Combine(run, "model", "copy.onnx"));  // the exported model's own folder
    }
}
