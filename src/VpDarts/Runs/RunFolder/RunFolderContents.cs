using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using VpDarts.Runtime;

namespace VpDarts.Runs;

/// <summary>
/// Tells what vpdarts wrote in a run folder from what it did not. Names alone do not tell: another tool's folder may
/// hold a <c>config.json</c>, <c>checkpoints/</c>, <c>tensorboard/</c>, <c>model/</c> and a <c>report.md</c> too. So
/// each file is checked for what a run writes there: settings that parse as a search's or a training's, metrics lines
/// of their shape, checkpoint folders named <c>epoch-NNNN</c> holding weights, optimiser states and <c>state.json</c>,
/// TensorBoard event files, exported model files, the figures and a report vpdarts headed.
/// </summary>
public static partial class RunFolderContents
{
    /// <summary>The folder a run being replaced is moved into until the new run has started (<c>--force</c>).</summary>
    public const string AsideFolder = ".vpdarts-replaced";

    /// <summary>
    /// The file inside <see cref="AsideFolder"/> listing what was moved there, written before anything is moved: the
    /// proof that vpdarts made the folder.
    /// </summary>
    public const string AsideManifest = ".vpdarts-moved";

    /// <summary>Whether <paramref name="aside"/> is a folder vpdarts made to move a replaced run into (it holds
    /// <see cref="AsideManifest"/>).</summary>
    public static bool IsAside(string aside)
        => IsRegular(Path.Combine(aside, AsideManifest)) && Directory.Exists(aside);

    /// <summary>The top-level entries a run writes (beside the marker and the lock).</summary>
    public static readonly IReadOnlyList<string> RunEntries =
        ["config.json", "metrics.jsonl", "result.json", "checkpoints", "report.md", "figures", "tensorboard",
            "model", "train"];

    private static readonly string[] ModelFiles = ["model.json", "model.safetensors", "model.bin", "model.onnx"];

    [GeneratedRegex(@"^epoch-\d{4,}(-step-\d{5,})?$")]
    private static partial Regex CheckpointName();

    [GeneratedRegex(@"^\.partial-epoch-\d{4,}(-step-\d{5,})?-\d+$")]
    private static partial Regex PartialCheckpointName();

    [GeneratedRegex(@"^(model\.bin|state\.json|[a-z]+-optimizer\.bin)$")]
    private static partial Regex CheckpointFile();

    /// <summary>Whether <paramref name="path"/> holds a search's or a training run's settings (as <c>config.json</c>
    /// records them).</summary>
    public static bool IsRunConfig(string path)
    {
        var text = SafeRead(path);
        if (ObjectOf(text) is not { } obj || !obj.ContainsKey("dataset")) return false;
        return Parses<SearchConfig>(text, path) || Parses<TrainConfig>(text, path);
    }

    /// <summary>Whether <paramref name="path"/>'s first line is a search's or a training run's metrics line.</summary>
    public static bool IsRunMetrics(string path)
    {
        if (!IsRegular(path)) return false;
        try
        {
            var first = File.ReadLines(path).FirstOrDefault(l => l.Trim().Length > 0);
            if (first is null) return true;  // an empty metrics file: written by a run before its first epoch ended
            if (ObjectOf(first) is not { } obj) return false;
            return obj.ContainsKey("phase") && RunJson.TryParse<SearchEpochRecord>(first, out _) is null ||
                   obj.ContainsKey("train_loss") && RunJson.TryParse<TrainEpochRecord>(first, out _) is null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return false; }
    }

    /// <summary>Whether <paramref name="checkpoints"/> holds at least one checkpoint folder
    /// (<c>epoch-NNNN</c>).</summary>
    public static bool HasCheckpoints(string checkpoints) =>
        Directory.Exists(checkpoints)
            && Directory.EnumerateDirectories(checkpoints).Any(d => CheckpointName().IsMatch(Path.GetFileName(d)));

    /// <summary>
    /// Every entry of the run folder <paramref name="root"/> that no run writes, as paths relative to it with why when
    /// the name is a run's (<c>config.json (not a vpdarts config)</c>, <c>checkpoints/step-100</c>), in order.
    /// </summary>
    public static List<string> Foreign(string root)
    {
        var foreign = new List<string>();
        Collect(root, "", foreign);
        return foreign;
    }

    private static void Collect(string root, string prefix, List<string> foreign)
    {
        foreach (var entry in Entries(root))
        {
            var name = Path.GetFileName(entry);
            var shown = prefix + name;
            if (name is RunDirectory.MarkerFile or RunLock.FileName || IsTemporary(name) && File.Exists(entry))
                continue;
            if (name == AsideFolder)
            {
                if (!IsAside(entry)) foreign.Add($"{shown} (not made by vpdarts)");
                continue;
            }
            switch (name)
            {
                case "config.json":
                    if (!IsRunConfig(entry)) foreign.Add($"{shown} (not a vpdarts config)");
                    break;
                case "metrics.jsonl":
                    if (!File.Exists(entry) || !IsRunMetrics(entry)) foreign.Add($"{shown} (not vpdarts metrics)");
                    break;
                case "result.json":
                    if (!File.Exists(entry) || ObjectOf(SafeRead(entry)) is not { } result
                        || !result.ContainsKey("arch"))
                        foreign.Add($"{shown} (not a vpdarts result)");
                    break;
                case "report.md":
                    if (!File.Exists(entry) || !IsRunReport(entry)) foreign.Add($"{shown} (not a vpdarts report)");
                    break;
                case "checkpoints":
                    CollectIn(entry, shown, foreign,
                        sub => Directory.Exists(sub) &&
                            (CheckpointName().IsMatch(Path.GetFileName(sub)) ||
                             PartialCheckpointName().IsMatch(Path.GetFileName(sub))),
                        (sub, subShown) => CollectIn(sub, subShown, foreign,
                            file => File.Exists(file) &&
                                (CheckpointFile().IsMatch(Path.GetFileName(file)) ||
                                 IsTemporary(Path.GetFileName(file)))));
                    break;
                case "figures":
                    CollectIn(entry, shown, foreign,
                        file => File.Exists(file) &&
                            (file.EndsWith(".png", StringComparison.Ordinal) ||
                             file.EndsWith(".svg", StringComparison.Ordinal) ||
                             IsTemporary(Path.GetFileName(file))));
                    break;
                case "tensorboard":
                    CollectIn(entry, shown, foreign,
                        file => File.Exists(file) &&
                            Path.GetFileName(file).StartsWith("events.out.tfevents.", StringComparison.Ordinal));
                    break;
                case "model":
                    CollectIn(entry, shown, foreign,
                        file => File.Exists(file) &&
                            (ModelFiles.Contains(Path.GetFileName(file)) || IsTemporary(Path.GetFileName(file))));
                    break;
                case "train":
                    if (!Directory.Exists(entry)) foreign.Add(shown);
                    else if (Entries(entry).Any() && !File.Exists(Path.Combine(entry, RunDirectory.MarkerFile))
                        && !IsRunConfig(Path.Combine(entry, "config.json")))
                        foreign.Add($"{shown} (holds no vpdarts run)");
                    else Collect(entry, shown + "/", foreign);
                    break;
                default:
                    foreign.Add(shown);
                    break;
            }
        }
    }

    /// <summary>The entries of folder <paramref name="dir"/> that <paramref name="belongs"/> rejects are foreign;
    /// <paramref name="inside"/> looks into those it accepts.</summary>
    private static void CollectIn(string dir, string shown, List<string> foreign, Func<string, bool> belongs,
        Action<string, string>? inside = null)
    {
        if (!Directory.Exists(dir))
        {
            foreign.Add(shown);
            return;
        }
        foreach (var entry in Entries(dir))
        {
            var entryShown = $"{shown}/{Path.GetFileName(entry)}";
            if (!belongs(entry)) foreign.Add(entryShown);
            else inside?.Invoke(entry, entryShown);
        }
    }

    private static IEnumerable<string> Entries(string dir)
        => Directory.EnumerateFileSystemEntries(dir).Order(StringComparer.Ordinal);

    /// <summary>A temporary file of an atomic write (<c>.NAME.PID.GUID.tmp</c>).</summary>
    public static bool IsTemporary(string name)
        => name.StartsWith('.') && name.EndsWith(".tmp", StringComparison.Ordinal);

    private static bool IsRunReport(string path)
    {
        var first = SafeRead(path).Split('\n', 2)[0];
        return first.StartsWith("# Search report: ", StringComparison.Ordinal)
            || first.StartsWith("# Training report: ", StringComparison.Ordinal);
    }

    private static JsonObject? ObjectOf(string text)
    {
        try { return JsonNode.Parse(text) as JsonObject; }
        catch (JsonException) { return null; }
    }

    private static bool IsRegular(string path)
    {
        try { return RegularFile.KindOf(path) == FileKind.Regular; }
        catch (UserInputException) { return false; }
    }

    /// <summary>The text of a regular file; empty for anything else (a named pipe is never opened) or an unreadable
    /// file.</summary>
    private static string SafeRead(string path)
    {
        if (!IsRegular(path)) return "";
        try { return File.ReadAllText(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return ""; }
    }

    private static bool Parses<T>(string text, string path) where T : class
    {
        try
        {
            SettingsFile<T>.Parse(text, path);
            return true;
        }
        catch (UserInputException) { return false; }
    }
}
