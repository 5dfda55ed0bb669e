using System.Text;
using VpDarts.Runs;

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

    /// <summary>The cluster kinds <see cref="Write"/> accepts.</summary>
    public static readonly IReadOnlyList<string> Kinds = ["slurm", "k8s"];

    /// <summary>
    /// Writes the job file of <paramref name="kind"/> (<c>slurm</c> or <c>k8s</c>) into <paramref name="dir"/>, whose
    /// plan must already be written; <paramref name="parallel"/> caps how many searches run at once (null = no cap).
    /// Returns the file's path.
    /// </summary>
    /// <exception cref="UserInputException">Unknown kind.</exception>
    public static string Write(string kind, ExperimentPlan plan, ExperimentDirectory dir, int? parallel)
    {
        ArgumentNullException.ThrowIfNull(dir);
        var (file, text) = kind switch
        {
            "slurm" => (SlurmFile, Slurm(plan, dir.Root, parallel)),
            "k8s" => (KubernetesFile, Kubernetes(plan, dir.Root, parallel)),
            _ => throw new UserInputException($"--emit: expected {string.Join(" or ", Kinds)}, got '{kind}'"),
        };
        var path = dir.In(file);
        AtomicFile.WriteAllText(path, text);
        if (kind == "slurm" && !OperatingSystem.IsWindows())
            File.SetUnixFileMode(path, File.GetUnixFileMode(path) | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        return path;
    }

    /// <summary>A Slurm job-array script (<c>sbatch slurm.sh</c>) for the experiment in <paramref name="root"/>.</summary>
    public static string Slurm(ExperimentPlan plan, string root, int? parallel)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var c = plan.BaseConfig;
        var n = plan.Specs.Count;
        var text = new StringBuilder();
        text.AppendLine("#!/bin/bash");
        Describe(text, "# ", plan, root, $"sbatch {Shell(Path.Combine(root, SlurmFile))}");
        text.AppendLine($"# vpdarts must be on PATH on the compute nodes, or set VPDARTS to its command, e.g. VPDARTS=\"dotnet /opt/vpdarts/VpDarts.Cli.dll\".");
        text.AppendLine($"#SBATCH --job-name=vpdarts-{plan.Definition.Name}");
        text.AppendLine($"#SBATCH --array=0-{n - 1}{(parallel is { } p ? $"%{p}" : "")}");
        text.AppendLine($"#SBATCH --cpus-per-task={c.Threads}");
        text.AppendLine("#SBATCH --mem=8G");
        text.AppendLine($"#SBATCH --output={Path.Combine(root, "logs", "slurm-%A_%a.log")}");
        if (UsesGpu(plan)) text.AppendLine("#SBATCH --gres=gpu:1");
        text.AppendLine("set -euo pipefail");
        text.AppendLine($"EXP={Shell(root)}");
        text.AppendLine("VPDARTS=${VPDARTS:-vpdarts}");
        text.AppendLine("I=${SLURM_ARRAY_TASK_ID}");
        text.AppendLine("NAME=$(sed -n \"$((I + 1))p\" \"$EXP/runs.txt\")");
        text.AppendLine("if [ -f \"$EXP/runs/$NAME/result.json\" ]; then echo \"$NAME: finished already\"; exit 0; fi");
        text.AppendLine("exec $VPDARTS search --config \"$EXP/configs/$I.json\" --out \"$EXP/runs/$NAME\"");
        return text.ToString();
    }

    /// <summary>A Kubernetes Indexed Job manifest (<c>kubectl apply -f k8s-job.yaml</c>) for the experiment in <paramref name="root"/>.</summary>
    public static string Kubernetes(ExperimentPlan plan, string root, int? parallel)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var c = plan.BaseConfig;
        var n = plan.Specs.Count;
        var gpu = UsesGpu(plan) ? ", nvidia.com/gpu: 1" : "";
        var text = new StringBuilder();
        Describe(text, "# ", plan, root, $"kubectl apply -f {Path.Combine(root, KubernetesFile)}");
        text.AppendLine("# Edit before applying: the image must provide `vpdarts` on PATH, and the volume must hold the experiment");
        text.AppendLine("# folder (and any folder: dataset and data cache the settings name) at the same paths as on this machine.");
        text.AppendLine("apiVersion: batch/v1");
        text.AppendLine("kind: Job");
        text.AppendLine("metadata:");
        text.AppendLine($"  name: vpdarts-{plan.Definition.Name}");
        text.AppendLine("spec:");
        text.AppendLine("  completionMode: Indexed");
        text.AppendLine($"  completions: {n}");
        text.AppendLine($"  parallelism: {parallel ?? n}");
        text.AppendLine("  backoffLimitPerIndex: 2");
        text.AppendLine("  template:");
        text.AppendLine("    spec:");
        text.AppendLine("      restartPolicy: Never");
        text.AppendLine("      containers:");
        text.AppendLine("        - name: search");
        text.AppendLine("          image: vpdarts:latest");
        text.AppendLine("          command: [\"/bin/sh\", \"-c\"]");
        text.AppendLine("          args:");
        text.AppendLine("            - |");
        text.AppendLine("              set -eu");
        text.AppendLine("              NAME=$(sed -n \"$((JOB_COMPLETION_INDEX + 1))p\" \"$EXP/runs.txt\")");
        text.AppendLine("              if [ -f \"$EXP/runs/$NAME/result.json\" ]; then echo \"$NAME: finished already\"; exit 0; fi");
        text.AppendLine("              exec vpdarts search --config \"$EXP/configs/$JOB_COMPLETION_INDEX.json\" --out \"$EXP/runs/$NAME\"");
        text.AppendLine("          env:");
        text.AppendLine("            - name: EXP");
        text.AppendLine($"              value: {Yaml(root)}");
        text.AppendLine("          resources:");
        text.AppendLine($"            requests: {{ cpu: \"{c.Threads}\", memory: 8Gi{gpu} }}");
        text.AppendLine($"            limits: {{ cpu: \"{c.Threads}\", memory: 8Gi{gpu} }}");
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
        text.AppendLine($"{comment}vpdarts experiment {plan.Definition.Name}: preset {plan.Preset}, {plan.Seeds} seed{(plan.Seeds == 1 ? "" : "s")}, " +
                        $"{plan.Specs.Count} searches, one per array index.");
        text.AppendLine($"{comment}Submit: {submit}");
        text.AppendLine($"{comment}Then:   vpdarts experiment collect {Shell(root)}");
        text.AppendLine($"{comment}Index i runs configs/<i>.json into runs/<line i+1 of runs.txt>/; finished searches are skipped, " +
                        "interrupted ones resume from their checkpoint.");
    }

    private static bool UsesGpu(ExperimentPlan plan) => plan.BaseConfig.Device.StartsWith("cuda", StringComparison.Ordinal);

    /// <summary>A POSIX shell word: single-quoted unless it is plainly safe.</summary>
    private static string Shell(string text) =>
        text.All(ch => char.IsAsciiLetterOrDigit(ch) || "/._-+:=@%,".Contains(ch)) ? text : "'" + text.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    /// <summary>A YAML double-quoted scalar.</summary>
    private static string Yaml(string text) => "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
