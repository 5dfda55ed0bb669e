using VpDarts.Runtime;

namespace VpDarts.Experiments;

/// <summary>
/// Job files that run an experiment's searches on a cluster, one search per array index: index <c>i</c> reads its
/// settings from <c>configs/&lt;i&gt;.json</c> and its run name from line <c>i + 1</c> of <c>runs.txt</c>, and runs
/// <c>vpdarts search</c> into the shared experiment folder. A finished search is skipped, an interrupted one resumes
/// from its checkpoint, so resubmitting the whole job is safe. <c>vpdarts experiment collect DIR</c> then builds the
/// summary from whatever has finished.
/// </summary>
public static class ClusterJobs
{
    /// <summary>File name of the Slurm script.</summary>
    public const string SlurmFile = "slurm.sh";

    /// <summary>File name of the Kubernetes manifest.</summary>
    public const string KubernetesFile = "k8s-job.yaml";

    /// <summary>Folder of the Slurm logs, inside the experiment folder.</summary>
    public const string LogsFolder = "logs";

    /// <summary>The cluster kinds <see cref="Write"/> accepts.</summary>
    public static readonly IReadOnlyList<string> Kinds = ["slurm", "k8s"];

    /// <summary>
    /// Writes the job file of <paramref name="kind"/> (<c>slurm</c> or <c>k8s</c>) into <paramref name="dir"/>, whose
    /// plan must already be written; <paramref name="parallel"/> caps how many searches run at once (null = no cap);
    /// <paramref name="resources"/> is what each task asks for (null: the preset's memory, the cluster's defaults).
    /// Returns the file's path.
    /// </summary>
    /// <exception cref="UserInputException">Unknown kind, a folder the job file cannot name (see
    /// <see cref="CheckFolder"/>), or a resource of the wrong form.</exception>
    public static string Write(string kind, ExperimentPlan plan, ExperimentDirectory dir, int? parallel,
        ClusterResources? resources = null)
    {
        ArgumentNullException.ThrowIfNull(dir);
        CheckFolder(kind, dir.Root);
        resources ??= new ClusterResources();
        resources.Check(kind);
        var (file, text) = kind switch
        {
            "slurm" => (SlurmFile, Slurm(plan, dir.Root, parallel, resources)),
            "k8s" => (KubernetesFile, Kubernetes(plan, dir.Root, parallel, resources)),
            _ => throw new UserInputException($"--emit: expected {string.Join(" or ", Kinds)}, got '{kind}'"),
        };
        var path = dir.In(file);
        AtomicFile.WriteAllText(path, text);
        // Slurm opens --output without creating its folder; a job whose log folder is missing fails before it starts.
        Directory.CreateDirectory(dir.In(LogsFolder));
        if (kind == "slurm")
        {
            if (!OperatingSystem.IsWindows())
                File.SetUnixFileMode(path, File.GetUnixFileMode(path) | UnixFileMode.UserExecute
                    | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        }
        return path;
    }

    /// <summary>
    /// Refuses an experiment folder that a job file of <paramref name="kind"/> cannot name faithfully: any control
    /// character (a line break would end a comment or an <c>#SBATCH</c> line and start a command or a YAML key) or a
    /// line or paragraph separator (a line break to YAML 1.1), and for Slurm a backslash, which makes Slurm take the
    /// <c>--output</c> pattern literally (no <c>%A</c>/<c>%a</c>), so that every array task would write the same log.
    /// Every other character is quoted for the shell, for sbatch and for YAML.
    /// </summary>
    /// <exception cref="UserInputException">The path holds such a character; the message names <c>--out</c> and the
    /// character.</exception>
    public static void CheckFolder(string kind, string root)
    {
        ArgumentNullException.ThrowIfNull(root);
        foreach (var ch in root)
        {
            if (char.IsControl(ch) || ch is '\u2028' or '\u2029')
                throw new UserInputException($"--out: the experiment folder's path holds {CharacterName(ch)}, which " +
                    $"a {kind} job file cannot carry; choose a folder without it");
            if (ch == '\\' && kind == "slurm")
                throw new UserInputException("--out: the experiment folder's path holds a backslash (\\), which " +
                                             "turns off the %A/%a log names of Slurm's #SBATCH --output; choose a " +
                                             "folder without it");
        }
    }

    /// <summary>How to submit <paramref name="file"/>, a job file of <paramref name="kind"/>, as a shell command
    /// line.</summary>
    public static string SubmitCommand(string kind, string file)
        => (kind == "slurm" ? "sbatch " : "kubectl apply -f ") + ShellWord(file);

    /// <summary>The command that summarises the experiment in <paramref name="root"/>, as a shell command
    /// line.</summary>
    public static string CollectCommand(string root) => "vpdarts experiment collect " + ShellWord(root);

    /// <summary>A Slurm job-array script (<c>sbatch slurm.sh</c>) for the experiment in
    /// <paramref name="root"/>.</summary>
    public static string Slurm(ExperimentPlan plan, string root, int? parallel, ClusterResources? resources = null)
    {
        ArgumentNullException.ThrowIfNull(plan);
        resources ??= new ClusterResources();
        var threads = Threads(plan);
        var n = plan.Specs.Count;
        var text = new StringBuilder();
        text.AppendLine("#!/bin/bash");
        Describe(text, "# ", plan, root, SubmitCommand("slurm", Path.Combine(root, SlurmFile)));
        text.AppendLine("# vpdarts must be on PATH on the compute nodes, or VPDARTS set to it: the path of its " +
            "executable (taken whole,");
        text.AppendLine("# spaces included), or a command and its arguments separated by spaces, e.g. " +
            "VPDARTS=\"dotnet /opt/vpdarts/VpDarts.Cli.dll\".");
        text.AppendLine("# Each task appends its output to logs/<run>.log; a task that fails also writes " +
            "logs/<run>.failure.json with the");
        text.AppendLine("# log's last error line, which vpdarts experiment collect lists. Memory, time, partition " +
            "and account come from");
        text.AppendLine(
            "# --cluster-mem, --cluster-time, --partition and --account of vpdarts experiment --emit slurm.");
        text.AppendLine($"#SBATCH --job-name={SbatchWord("vpdarts-" + plan.Definition.Name)}");
        text.AppendLine($"#SBATCH --array=0-{n - 1}{(parallel is { } p ? $"%{p}" : "")}");
        text.AppendLine($"#SBATCH --cpus-per-task={threads}");
        text.AppendLine($"#SBATCH --mem={resources.SlurmMemory(plan.Preset)}");
        if (resources.Time is { } time) text.AppendLine($"#SBATCH --time={time}");
        if (resources.Partition is { } partition) text.AppendLine($"#SBATCH --partition={partition}");
        if (resources.Account is { } account) text.AppendLine($"#SBATCH --account={account}");
        text.AppendLine($"#SBATCH --output={SbatchWord(Path.Combine(root.Replace("%", "%%", StringComparison.Ordinal),
            LogsFolder, "slurm-%A_%a.log"))}");
        text.AppendLine("#SBATCH --open-mode=append");  // a requeued task adds to its log instead of replacing it
        if (UsesGpu(plan)) text.AppendLine("#SBATCH --gres=gpu:1");
        text.AppendLine($"EXP={ShellWord(root)}");
        text.AppendLine("I=${SLURM_ARRAY_TASK_ID}");
        TaskBody(text, "");
        return text.ToString();
    }

    /// <summary>
    /// The script every task runs (POSIX sh, for Slurm's bash and the container's sh), given <c>EXP</c> and the index
    /// <c>I</c>: skip a finished search, resume a started one, else start it; the search's output is appended to
    /// <c>logs/&lt;run&gt;.log</c> after a <c>$ COMMAND</c> line (as the local runner writes it) and copied to the
    /// job's own output at the end. A stop signal is passed on to the search, which checkpoints (exit 130); any other
    /// failure writes <c>logs/&lt;run&gt;.failure.json</c> with the exit code and the attempt's last error line. A
    /// search refused because another task holds its run folder (two array jobs of one experiment) ends the task with
    /// exit 0.
    /// </summary>
    private static void TaskBody(StringBuilder text, string indent)
    {
        string[] lines =
        [
            "set -u",
            "VPDARTS=${VPDARTS:-vpdarts}",
            "NAME=$(sed -n \"$((I + 1))p\" \"$EXP/runs.txt\")",
            "if [ -z \"$NAME\" ]; then echo \"task $I: $EXP/runs.txt has no line $((I + 1))\" >&2; exit 2; fi",
            "RUN=\"$EXP/runs/$NAME\"",
            "LOG=\"$EXP/logs/$NAME.log\"",
            "FAILURE=\"$EXP/logs/$NAME.failure.json\"",
            "if [ -f \"$RUN/result.json\" ]; then echo \"$NAME: finished already\"; exit 0; fi",
            "mkdir -p \"$EXP/logs\"",
            "rm -f \"$FAILURE\"",
            "if [ -f \"$RUN/config.json\" ]; then set -- search --resume \"$RUN\"; else set -- search --config " +
            "\"$EXP/configs/$I.json\" --out \"$RUN\"; fi",
            "START=0; if [ -f \"$LOG\" ]; then START=$(wc -c < \"$LOG\"); fi",
            "echo \"\\$ $VPDARTS $* (task $I, $(date -u +%Y-%m-%dT%H:%M:%SZ))\" >> \"$LOG\"", "STOPPED=0; CHILD=",
            "trap 'STOPPED=1; if [ -n \"$CHILD\" ]; then kill -TERM \"$CHILD\" 2>/dev/null; fi' TERM INT",
            "set -f  # VPDARTS as words: split at spaces, never globbed",
            "if [ -f \"$VPDARTS\" ]; then \"$VPDARTS\" \"$@\" >> \"$LOG\" 2>&1 & else $VPDARTS \"$@\" >> " +
            "\"$LOG\" 2>&1 & fi", "CHILD=$!",
            "set +f",
            "if [ \"$STOPPED\" = 1 ]; then kill -TERM \"$CHILD\" 2>/dev/null; fi",
            "wait \"$CHILD\"; CODE=$?",
            "while kill -0 \"$CHILD\" 2>/dev/null; do wait \"$CHILD\"; CODE=$?; done",
            "tail -c +$((START + 1)) \"$LOG\"",
            "if [ \"$CODE\" -eq 0 ] || [ \"$CODE\" -eq 130 ] || [ \"$STOPPED\" = 1 ]; then exit \"$CODE\"; fi",
            "ERROR=$(tail -c +$((START + 1)) \"$LOG\" | grep -a '^error: ' | tail -n 1)",
            "if [ -z \"$ERROR\" ]; then ERROR=$(tail -c +$((START + 1)) \"$LOG\" | grep -a -v '^\\$ ' | grep -a . | " +
            "tail -n 1); fi", $"case \"$ERROR\" in *\"{SearchTaskStatus.InUse}\"*) echo \"$NAME: another task is " +
                "running this search, so this one ends: $ERROR\"; exit 0;; esac",
            "if [ \"$CODE\" -eq 127 ]; then ERROR=\"$ERROR (put vpdarts on PATH on the nodes, or set " +
            "VPDARTS to it)\"; fi", "REASON=$(printf 'exit code %s: %s' \"$CODE\" \"$ERROR\" | tr -d " +
                "'\\000-\\037\\177' | sed -e 's/\\\\/\\\\\\\\/g' -e 's/\"/\\\\\"/g')",
            "printf '{\\n  \"reason\": \"%s\",\\n  \"failed_at\": \"%s\"\\n}\\n' \"$REASON\" \"$(date -u " +
            "+%Y-%m-%dT%H:%M:%SZ)\" > \"$FAILURE.tmp\" && mv -f \"$FAILURE.tmp\" \"$FAILURE\"", "exit \"$CODE\"",
        ];
        foreach (var line in lines) text.Append(indent).AppendLine(line);
    }

    /// <summary>A Kubernetes Indexed Job manifest (<c>kubectl apply -f k8s-job.yaml</c>) for the experiment in
    /// <paramref name="root"/>.</summary>
    public static string Kubernetes(ExperimentPlan plan, string root, int? parallel, ClusterResources? resources = null)
    {
        ArgumentNullException.ThrowIfNull(plan);
        resources ??= new ClusterResources();
        var threads = Threads(plan);
        var n = plan.Specs.Count;
        var gpu = UsesGpu(plan) ? ", nvidia.com/gpu: 1" : "";
        var memory = resources.KubernetesMemory(plan.Preset);
        var text = new StringBuilder();
        Describe(text, "# ", plan, root, SubmitCommand("k8s", Path.Combine(root, KubernetesFile)));
        text.AppendLine("# Edit before applying: the image must provide `vpdarts` on PATH, and the volume must hold " +
            "the experiment");
        text.AppendLine("# folder (and any folder: dataset and data cache the settings name) at the same paths as " +
            "on this machine.");
        text.AppendLine("# Each task appends its output to logs/<run>.log and, when it fails, writes " +
            "logs/<run>.failure.json for collect.");
        text.AppendLine("apiVersion: batch/v1");
        text.AppendLine("kind: Job");
        text.AppendLine("metadata:");
        text.AppendLine($"  name: {Yaml("vpdarts-" + plan.Definition.Name)}");
        text.AppendLine("spec:");
        text.AppendLine("  completionMode: Indexed");
        text.AppendLine($"  completions: {n}");
        text.AppendLine($"  parallelism: {parallel ?? n}");
        text.AppendLine("  backoffLimitPerIndex: 2");
        text.AppendLine("  template:");
        text.AppendLine("    spec:");
        text.AppendLine("      restartPolicy: Never");
        if (resources.Time is { } time)
            text.AppendLine($"      activeDeadlineSeconds: {ClusterResources.TimeSeconds(time)}");
        text.AppendLine("      containers:");
        text.AppendLine("        - name: search");
        text.AppendLine("          image: vpdarts:latest");
        text.AppendLine("          command: [\"/bin/sh\", \"-c\"]");
        text.AppendLine("          args:");
        text.AppendLine("            - |");
        text.AppendLine("              I=$JOB_COMPLETION_INDEX");
        TaskBody(text, "              ");
        text.AppendLine("          env:");
        text.AppendLine("            - name: EXP");
        text.AppendLine($"              value: {Yaml(root)}");
        text.AppendLine("          resources:");
        text.AppendLine($"            requests: {{ cpu: \"{threads}\", memory: {memory}{gpu} }}");
        text.AppendLine($"            limits: {{ cpu: \"{threads}\", memory: {memory}{gpu} }}");
        text.AppendLine("          volumeMounts:");
        text.AppendLine("            - name: experiment");
        text.AppendLine($"              mountPath: {Yaml(root)}");
        text.AppendLine("      volumes:");
        text.AppendLine("        - name: experiment");
        text.AppendLine("          persistentVolumeClaim:");
        text.AppendLine("            claimName: vpdarts-experiments");
        return text.ToString();
    }

    private static void Describe(StringBuilder text, string comment, ExperimentPlan plan, string root, string submit)
    {
        text.AppendLine($"{comment}vpdarts experiment {plan.Definition.Name}: preset {plan.Preset}, {plan.Seeds} " +
                        $"seed{(plan.Seeds == 1 ? "" : "s")}, {plan.Specs.Count} searches, one per array index.");
        text.AppendLine($"{comment}Submit: {submit}");
        text.AppendLine($"{comment}Then:   {CollectCommand(root)}");
        text.AppendLine($"{comment}Index i runs configs/<i>.json into runs/<line i+1 of runs.txt>/; finished " +
                        "searches are skipped, interrupted ones resume from their checkpoint (search --resume).");
    }

    // One job file serves every search, so it asks for what the most demanding one needs (a sweep may vary device or
    // threads).
    private static bool UsesGpu(ExperimentPlan plan)
        => plan.Specs.Any(s => s.Config.Device.StartsWith("cuda", StringComparison.Ordinal));

    private static int Threads(ExperimentPlan plan) => plan.Specs.Max(s => s.Config.Threads);

    private static string CharacterName(char ch) => ch switch
    {
        '\n' => "a line feed (U+000A)",
        '\r' => "a carriage return (U+000D)",
        '\t' => "a tab (U+0009)",
        _ => $"the control character U+{(int)ch:X4}",
    };

    private static bool PlainlySafe(string text) => Runtime.ShellWord.IsPlainlySafe(text);

    /// <summary>A POSIX shell word: single-quoted (a quote inside becomes <c>'\''</c>) unless it is plainly
    /// safe.</summary>
    private static string ShellWord(string text) => Runtime.ShellWord.Of(text);

    /// <summary>
    /// An <c>#SBATCH</c> option value. sbatch splits these lines itself, not the shell: whitespace separates, quotes
    /// group, a backslash takes the next character as it is, and an unquoted <c>#</c> starts a comment. So:
    /// double-quoted, with backslash and double quote escaped, unless plainly safe. Line breaks cannot be carried
    /// (<see cref="CheckFolder"/>).
    /// </summary>
    private static string SbatchWord(string text) =>
        PlainlySafe(text) ? text : "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    /// <summary>A YAML double-quoted scalar: backslash and quote escaped, control characters and line separators as
    /// <c>\uXXXX</c>.</summary>
    private static string Yaml(string text)
    {
        var quoted = new StringBuilder("\"");
        foreach (var ch in text)
        {
            if (ch is '\\' or '"') quoted.Append('\\').Append(ch);
            else if (char.IsControl(ch) || ch is '\u2028' or '\u2029' or '\ufeff') quoted.Append($"\\u{(int)ch:X4}");
            else quoted.Append(ch);
        }
        return quoted.Append('"').ToString();
    }
}
