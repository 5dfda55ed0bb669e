using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using VpDarts.Tests.Data;
using static VpDarts.Tests.Experiments.ExperimentTestSupport;

namespace VpDarts.Tests.Experiments;

/// <summary>
/// Cluster job files for experiment folders whose path is hostile to a shell, to sbatch or to YAML: the path must reach
/// the commands intact and nothing in it may run; a path a job file cannot carry is refused before anything is written.
/// </summary>
public sealed class ClusterScriptTests
{
    /// <summary>A folder name with shell syntax in it; each part would create a file named PWNED if it ran.</summary>
    private const string Hostile = "exp dir $(touch PWNED) `touch PWNED` it's \"quoted\"; touch PWNED & #1 %A 50%";

    [Fact]
    public void SlurmScriptWithAHostileFolderExecutesNothingAndPassesThePathIntact()
    {
        using var temp = new TempDir();
        var dir = temp.In(Hostile);
        Experiment(0, "table1", "--preset", "tiny", "--seeds", "1", "--emit", "slurm", "--table", Table, "--out", dir);
        var script = Path.Combine(dir, "slurm.sh");
        Assert.True(Directory.Exists(Path.Combine(dir, "logs")), "Slurm does not create the folder of --output itself");

        // sbatch reads the #SBATCH lines itself; the log pattern doubles the path's % so that only %A and %a expand.
        var directives = SbatchArguments(File.ReadAllText(script));
        Assert.Contains("--output=" + Path.Combine(dir.Replace("%", "%%", StringComparison.Ordinal), "logs", "slurm-%A_%a.log"), directives);
        Assert.Contains("--job-name=vpdarts-table1", directives);
        Assert.Contains("--array=0-2", directives);

        var (bin, calls) = Stubs(temp, "vpdarts", "sbatch", "srun");
        var work = temp.In("work");
        Directory.CreateDirectory(work);
        var syntax = RunIn(work, "bash", ["-n", script]);
        Assert.True(syntax.Code == 0, syntax.Output);
        var run = RunIn(work, "bash", [script], ("SLURM_ARRAY_TASK_ID", "0"), ("PATH", bin + ":" + Environment.GetEnvironmentVariable("PATH")), ("CALLS", calls));
        Assert.True(run.Code == 0, run.Output);

        Assert.Empty(Directory.GetFiles(temp.Path, "PWNED", SearchOption.AllDirectories));
        Assert.Equal(["search", "--config", Path.Combine(dir, "configs", "0.json"), "--out", Path.Combine(dir, "runs", "vp-fixed-s0")],
            Recorded(calls, "vpdarts"));
        Assert.False(File.Exists(Path.Combine(calls, "sbatch")));
        Assert.False(File.Exists(Path.Combine(calls, "srun")));
    }

    [Fact]
    public void KubernetesManifestWithAHostileFolderHasOneSpecAndTheFolderOnlyInQuotedScalars()
    {
        using var temp = new TempDir();
        var dir = temp.In(Hostile + " back\\slash");
        Experiment(0, "fig5", "--preset", "tiny", "--seeds", "1", "--emit", "k8s", "--table", Table, "--out", dir);
        var yaml = File.ReadAllText(Path.Combine(dir, "k8s-job.yaml"));
        var lines = yaml.Split('\n');

        var topLevel = lines.Where(l => l.Length > 0 && !char.IsWhiteSpace(l[0]) && l[0] != '#').Select(l => l.Split(':')[0]).ToArray();
        Assert.Equal(["apiVersion", "kind", "metadata", "spec"], topLevel);
        var scalars = new List<(string Key, string Value)>();
        foreach (var line in lines.Where(l => l.Contains("PWNED", StringComparison.Ordinal)))
        {
            var trimmed = line.TrimStart();
            if (trimmed.StartsWith('#')) continue;
            var match = Regex.Match(trimmed, "^([A-Za-z]+): (\".*\")$");
            Assert.True(match.Success, $"the folder outside a comment or a double-quoted scalar: {line}");
            scalars.Add((match.Groups[1].Value, DoubleQuotedScalar(match.Groups[2].Value)));
        }
        Assert.Equal([("value", dir), ("mountPath", dir)], scalars);

        // The container's script, with the folder as its EXP and a vpdarts on PATH that records its arguments.
        var first = Array.FindIndex(lines, l => l.Trim() == "- |") + 1;
        var script = string.Join('\n', lines.Skip(first).TakeWhile(l => l.StartsWith("              ", StringComparison.Ordinal)).Select(l => l[14..]));
        var (bin, calls) = Stubs(temp, "vpdarts");
        var work = temp.In("work");
        Directory.CreateDirectory(work);
        var run = RunIn(work, "sh", ["-c", script], ("JOB_COMPLETION_INDEX", "0"), ("EXP", dir),
            ("PATH", bin + ":" + Environment.GetEnvironmentVariable("PATH")), ("CALLS", calls));
        Assert.True(run.Code == 0, run.Output);
        Assert.Empty(Directory.GetFiles(temp.Path, "PWNED", SearchOption.AllDirectories));
        Assert.Equal(["search", "--config", Path.Combine(dir, "configs", "0.json"), "--out", Path.Combine(dir, "runs", "hard-prune-s0")],
            Recorded(calls, "vpdarts"));
    }

    [Theory]
    [InlineData("slurm", "exp\ntouch PWNED", "a line feed (U+000A)")]
    [InlineData("k8s", "exp\nspec: {}", "a line feed (U+000A)")]
    [InlineData("slurm", "exp\rdir", "a carriage return (U+000D)")]
    [InlineData("k8s", "exp\tdir", "a tab (U+0009)")]
    [InlineData("k8s", "exp\u2028dir", "U+2028")]
    [InlineData("slurm", "exp\\dir", "a backslash")]
    public void AFolderTheJobFileCannotCarryIsRefusedBeforeAnythingIsWritten(string kind, string name, string character)
    {
        using var temp = new TempDir();
        var dir = temp.In(name);
        var result = Experiment(2, "table1", "--preset", "tiny", "--seeds", "1", "--emit", kind, "--table", Table, "--out", dir);
        var line = Assert.Single(result.ErrLines);
        Assert.StartsWith("error: --out: ", line);
        Assert.Contains(character, line);
        Assert.Equal("", result.Out);
        Assert.False(Directory.Exists(dir));
        Assert.Empty(Directory.GetFiles(temp.Path, "PWNED", SearchOption.AllDirectories));
    }

    [Fact]
    public void ClusterResourcesReachTheJobFilesAndTheTinyPresetAsksForLessMemory()
    {
        using var temp = new TempDir();
        var slurm = temp.In("slurm");
        Experiment(0, "table1", "--preset", "tiny", "--seeds", "1", "--emit", "slurm", "--cluster-mem", "16g", "--cluster-time", "2-00:00:00",
            "--partition", "gpu,gpu-long", "--account", "lab.nas", "--table", Table, "--out", slurm);
        var directives = SbatchArguments(File.ReadAllText(Path.Combine(slurm, "slurm.sh")));
        Assert.Contains("--mem=16G", directives);
        Assert.Contains("--time=2-00:00:00", directives);
        Assert.Contains("--partition=gpu,gpu-long", directives);
        Assert.Contains("--account=lab.nas", directives);
        Assert.Contains("--open-mode=append", directives);  // a requeued task adds to its Slurm log

        var plain = temp.In("plain");
        Experiment(0, "table1", "--preset", "tiny", "--seeds", "1", "--emit", "slurm", "--table", Table, "--out", plain);
        var defaults = SbatchArguments(File.ReadAllText(Path.Combine(plain, "slurm.sh")));
        Assert.Contains("--mem=2G", defaults);
        Assert.DoesNotContain(defaults, d => d.StartsWith("--time", StringComparison.Ordinal) || d.StartsWith("--partition", StringComparison.Ordinal));
        Assert.Equal("8G", ClusterResources.DefaultMemory("paper"));

        var k8s = temp.In("k8s");
        Experiment(0, "fig5", "--preset", "tiny", "--seeds", "1", "--emit", "k8s", "--cluster-mem", "512M", "--cluster-time", "90", "--table", Table, "--out", k8s);
        var yaml = File.ReadAllText(Path.Combine(k8s, "k8s-job.yaml"));
        Assert.Contains("requests: { cpu: \"1\", memory: 512Mi }", yaml);
        Assert.Contains("limits: { cpu: \"1\", memory: 512Mi }", yaml);
        Assert.Contains("\n      activeDeadlineSeconds: 5400\n", yaml);
    }

    [Theory]
    [InlineData("slurm", "--cluster-mem", "8G\n#SBATCH --wrap=touch PWNED", "--cluster-mem: expected a size")]
    [InlineData("slurm", "--cluster-mem", "8 GB", "--cluster-mem: expected a size")]
    [InlineData("slurm", "--cluster-time", "1:00:00\ntouch PWNED", "--cluster-time: expected minutes")]
    [InlineData("slurm", "--cluster-time", "0", "--cluster-time: expected minutes")]
    [InlineData("slurm", "--partition", "gpu touch PWNED", "--partition: expected a partition name")]
    [InlineData("slurm", "--account", "lab\"; touch PWNED", "--account: expected an account name")]
    [InlineData("k8s", "--partition", "gpu", "--partition: only used with --emit slurm")]
    [InlineData("k8s", "--cluster-mem", "8G\n  spec: {}", "--cluster-mem: expected a size")]
    [InlineData(null, "--cluster-mem", "8G", "--cluster-mem: only used with --emit")]
    public void AClusterResourceOfTheWrongFormIsRefusedBeforeAnythingIsWritten(string? kind, string option, string value, string expected)
    {
        using var temp = new TempDir();
        var dir = temp.In("exp");
        string[] emit = kind is null ? [] : ["--emit", kind];
        var result = Experiment(2, ["table1", "--preset", "tiny", "--seeds", "1", .. emit, option, value, "--table", Table, "--out", dir]);
        var line = Assert.Single(result.ErrLines);
        Assert.StartsWith("error: " + expected, line);
        Assert.DoesNotContain(line, char.IsControl);
        Assert.False(Directory.Exists(dir));
    }

    [Fact]
    public void ARequeuedTaskAppendsToItsLogAndATaskRefusedByTheRunFoldersLockEndsWithoutAFailure()
    {
        using var temp = new TempDir();
        var dir = temp.In("exp");
        Experiment(0, "table1", "--preset", "tiny", "--seeds", "1", "--emit", "slurm", "--table", Table, "--out", dir);
        var bin = temp.In("bin");
        Directory.CreateDirectory(bin);
        var stub = Path.Combine(bin, "vpdarts");
        var log = Path.Combine(dir, "logs", "vp-fixed-s0.log");
        var failure = Path.Combine(dir, "logs", "vp-fixed-s0.failure.json");
        var work = temp.In("work");
        Directory.CreateDirectory(work);
        (int Code, string Output) Task(string body)
        {
            File.WriteAllText(stub, "#!/bin/sh\n" + body + "\n");
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(stub, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            return RunIn(work, "bash", [Path.Combine(dir, "slurm.sh")], ("SLURM_ARRAY_TASK_ID", "0"), ("PATH", bin + ":" + Environment.GetEnvironmentVariable("PATH")));
        }

        var first = Task("echo 'epoch 1 of 4'; echo 'error: out of memory' >&2; exit 1");
        Assert.Equal(1, first.Code);
        Assert.True(File.Exists(failure));
        var requeued = Task("echo 'epoch 2 of 4'; exit 0");  // a requeue of the same task: its log grows, the old failure goes
        Assert.Equal(0, requeued.Code);
        Assert.False(File.Exists(failure));
        var text = File.ReadAllText(log);
        Assert.Equal(2, text.Split('\n').Count(l => l.StartsWith("$ vpdarts search ", StringComparison.Ordinal)));
        Assert.True(text.IndexOf("epoch 1 of 4", StringComparison.Ordinal) < text.IndexOf("epoch 2 of 4", StringComparison.Ordinal), text);

        // A second array job on the same experiment: the search is refused because the first holds the run folder.
        var refused = Task($"echo 'error: --out {dir}/runs/vp-fixed-s0: {SearchTaskStatus.InUse} (pid 4242)' >&2; exit 2");
        Assert.True(refused.Code == 0, refused.Output);
        Assert.Contains("vp-fixed-s0: another task is running this search, so this one ends", refused.Output);
        Assert.False(File.Exists(failure));
    }

    /// <summary>
    /// The arguments sbatch takes from the <c>#SBATCH</c> lines, split as Slurm's <c>get_argument</c> does: whitespace
    /// separates, single or double quotes group, a backslash takes the next character as it is, an unquoted <c>#</c> ends
    /// the line; the first line that is not a comment ends the directives.
    /// </summary>
    private static List<string> SbatchArguments(string script)
    {
        var arguments = new List<string>();
        foreach (var line in script.Split('\n'))
        {
            if (!line.StartsWith("#SBATCH", StringComparison.Ordinal))
            {
                if (line.Trim().Length > 0 && !line.TrimStart().StartsWith('#')) break;
                continue;
            }
            var rest = line["#SBATCH".Length..];
            var i = 0;
            var comment = false;
            while (!comment)
            {
                while (i < rest.Length && char.IsWhiteSpace(rest[i])) i++;
                if (i >= rest.Length) break;
                var argument = new StringBuilder();
                var quote = '\0';
                while (i < rest.Length && (quote != '\0' || !char.IsWhiteSpace(rest[i])))
                {
                    var ch = rest[i++];
                    if (ch == '\\' && i < rest.Length) argument.Append(rest[i++]);
                    else if (quote != '\0') { if (ch == quote) quote = '\0'; else argument.Append(ch); }
                    else if (ch is '"' or '\'') quote = ch;
                    else if (ch == '#') { comment = true; break; }
                    else argument.Append(ch);
                }
                Assert.True(quote == '\0', $"sbatch stops at an unmatched quote: {line}");
                if (argument.Length > 0) arguments.Add(argument.ToString());
            }
        }
        return arguments;
    }

    /// <summary>The text of a YAML double-quoted scalar, with its escapes; fails on an unescaped quote inside.</summary>
    private static string DoubleQuotedScalar(string quoted)
    {
        Assert.True(quoted.Length >= 2 && quoted[0] == '"' && quoted[^1] == '"', quoted);
        var text = new StringBuilder();
        for (var i = 1; i < quoted.Length - 1; i++)
        {
            var ch = quoted[i];
            Assert.True(ch != '"', $"unescaped quote at {i} of {quoted}");
            if (ch != '\\')
            {
                text.Append(ch);
                continue;
            }
            var escape = quoted[++i];
            switch (escape)
            {
                case '\\' or '"' or '/': text.Append(escape); break;
                case 't': text.Append('\t'); break;
                case 'n': text.Append('\n'); break;
                case 'r': text.Append('\r'); break;
                case 'x': text.Append((char)int.Parse(quoted.AsSpan(i + 1, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture)); i += 2; break;
                case 'u': text.Append((char)int.Parse(quoted.AsSpan(i + 1, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture)); i += 4; break;
                default: Assert.Fail($"unexpected escape \\{escape} in {quoted}"); break;
            }
        }
        return text.ToString();
    }

    /// <summary>Executables named like <paramref name="names"/> that only record their arguments into <c>calls/NAME</c>.</summary>
    private static (string Bin, string Calls) Stubs(TempDir temp, params string[] names)
    {
        var bin = temp.In("bin");
        var calls = temp.In("calls");
        Directory.CreateDirectory(bin);
        Directory.CreateDirectory(calls);
        foreach (var name in names)
        {
            var stub = Path.Combine(bin, name);
            File.WriteAllText(stub, $"#!/bin/sh\nfor a in \"$@\"; do printf '%s\\0' \"$a\"; done > \"$CALLS/{name}\"\n");
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(stub, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        }
        return (bin, calls);
    }

    /// <summary>The arguments a stub recorded.</summary>
    private static string[] Recorded(string calls, string name)
    {
        var path = Path.Combine(calls, name);
        Assert.True(File.Exists(path), $"{name} was not called");
        return File.ReadAllText(path).Split('\0')[..^1];
    }

    private static (int Code, string Output) RunIn(string workingDirectory, string file, string[] arguments, params (string Name, string Value)[] environment) =>
        ExperimentTestSupport.Run(workingDirectory, file, arguments, TimeSpan.FromMinutes(2), environment);
}
