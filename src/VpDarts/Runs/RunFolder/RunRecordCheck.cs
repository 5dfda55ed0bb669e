using System.Security.Cryptography;
using System.Text.Json.Nodes;
using VpDarts.Data;

namespace VpDarts.Runs;

/// <summary>
/// The checks a run folder's record passes before a run continues from it, run before any data is loaded or any file
/// written: every checkpoint whose files verify is named after the epochs (and steps) its <c>state.json</c> records and
/// was written under the settings of <c>config.json</c>; <c>metrics.jsonl</c> holds epochs 1, 2, … in order, at least
/// as many as the newest such checkpoint records; and a record of finished epochs has a checkpoint to continue from.
/// A record that disagrees is refused with one line saying what disagrees, never restarted. Corrupt checkpoints (files
/// that fail their sizes or SHA-256, a manifest that does not read) are left to <see cref="Checkpoints.LoadLatest"/>,
/// which reports each once and falls back to the previous one.
/// </summary>
public static class RunRecordCheck
{
    /// <summary>
    /// Checks the record of <paramref name="run"/> for a run of <paramref name="epochs"/> epochs whose metrics lines
    /// hold <paramref name="metricsEpochs"/>; <paramref name="requested"/> gives, for a checkpoint's settings, the
    /// settings the run continues under with the values that may differ (threads, cache folders) taken from them.
    /// Nothing to check in a folder without <c>config.json</c>.
    /// </summary>
    /// <exception cref="UserInputException">The record disagrees with itself or with the settings.</exception>
    public static void Check<TConfig>(RunDirectory run, int epochs, IReadOnlyList<int> metricsEpochs,
        Func<TConfig, TConfig> requested)
        where TConfig : class
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(metricsEpochs);
        ArgumentNullException.ThrowIfNull(requested);
        if (!File.Exists(run.ConfigPath)) return;
        for (var i = 0; i < metricsEpochs.Count; i++)
            if (metricsEpochs[i] != i)
                throw new UserInputException($"{run.Root}: metrics.jsonl line {i + 1} records epoch " +
                                             $"{metricsEpochs[i] + 1}, expected epoch {i + 1} (one line per epoch, " +
                                             "in order); the run's record disagrees with itself, so it " +
                                             "is not continued");

        if (Directory.Exists(run.CheckpointsPath))
            foreach (var entry in Directory.GetFileSystemEntries(run.CheckpointsPath, "epoch-*")
                .Order(StringComparer.Ordinal))
                if (!Directory.Exists(entry) && Checkpoints.NameOf(entry) is not null)
                    throw new UserInputException($"{run.Root}: checkpoints/{Path.GetFileName(entry)} is named as a " +
                                                 "checkpoint but is not a folder; move it out of checkpoints/");
        var runId = RunId(run.Root);
        var unusable = new List<string>();
        (string Name, int EpochsDone, string? MetricsSha256)? newest = null;
        foreach (var folder in Checkpoints.List(run.CheckpointsPath))
        {
            var name = Path.GetFileName(folder);
            var named = Checkpoints.NameOf(folder)
                        ?? throw new UserInputException($"{run.Root}: checkpoints/{name} is not named as a " +
                                                        "checkpoint (epoch-NNNN or epoch-NNNN-step-SSSSS); move it " +
                                                        "out of checkpoints/");
            if (Checkpoints.Verify(folder, out var manifest) is { } problem)
            {
                unusable.Add($"{name}: {problem}");
                continue;
            }
            if (manifest!.EpochsDone > epochs)
            {
                unusable.Add($"{name}: it records {manifest.EpochsDone} epochs done, more than the run's {epochs}");
                continue;
            }
            var step = manifest.State.MidEpoch?.Step;
            if (manifest.EpochsDone != named.EpochsDone || step != named.Step)
                throw new UserInputException($"{run.Root}: checkpoint {name} records " +
                                             $"{Done(manifest.EpochsDone, step)} in its state.json, its name " +
                                             $"{Done(named.EpochsDone, named.Step)}; the run's record disagrees with " +
                                             "itself, so it is not continued");
            if (manifest.Settings is { } settings)
            {
                var recorded = SettingsFile<TConfig>.Parse(settings.ToJsonString(), Path.Combine(folder, "state.json"));
                var differences = SettingsFile<TConfig>.Differences(recorded, requested(recorded));
                if (differences.Count > 0)
                    throw new UserInputException($"{run.Root}: config.json disagrees with checkpoint {name}: " +
                                                 $"{string.Join("; ", differences)} (the checkpoint's value → " +
                                                 "config.json's); restore config.json or start a new run");
            }
            if (runId is not null && manifest.RunId != runId)
                throw new UserInputException($"{run.Root}: checkpoint {name} " +
                                             (manifest.RunId is null
                                                 ? "records no run id" : $"records run id {manifest.RunId}") +
                                             $", config.json run id {runId}; it is not this run's checkpoint, so the " +
                                             "run is not continued from it");
            newest ??= (name, manifest.EpochsDone, manifest.MetricsSha256);
        }

        var recordedEpochs = metricsEpochs.Count;
        if (newest is { } usable && recordedEpochs < usable.EpochsDone)
            throw new UserInputException($"{run.Root}: metrics.jsonl holds {EpochsText(recordedEpochs)} but " +
                                         $"checkpoint {usable.Name} records {usable.EpochsDone} epochs done; the " +
                                         "run's record disagrees with itself, so it is not continued");
        if (newest is { MetricsSha256: { } expected } checkpoint && recordedEpochs >= checkpoint.EpochsDone &&
            MetricsSha256(run.MetricsPath, checkpoint.EpochsDone) != expected)
            throw new UserInputException($"{run.Root}: metrics.jsonl's {EpochsText(checkpoint.EpochsDone)} are not " +
                                         $"the lines checkpoint {checkpoint.Name} recorded (their SHA-256 differs); " +
                                         "the run's record disagrees with itself, so it is not continued");
        if (newest is null && unusable.Count > 0)
            throw new UserInputException($"{run.Root}: no checkpoint can be continued from " +
                                         $"({string.Join("; ", unusable)}); the run is not started over on top of " +
                                         "its record: start a new run in another folder");
        // One metrics line and no checkpoint: stopped between an epoch's metrics line and its checkpoint, so that epoch
        // runs again.
        if (newest is null && recordedEpochs > 1)
            throw new UserInputException($"{run.Root}: metrics.jsonl holds {EpochsText(recordedEpochs)} but " +
                                         "checkpoints/ holds no checkpoint; the run is not started over on top of " +
                                         "its record: start a new run in another folder");
    }

    /// <summary>
    /// Refuses to continue <paramref name="run"/> on data other than it started on (<c>provenance.data</c> of its
    /// <c>config.json</c>); runs of earlier versions recorded none and are not checked, nor is data that cannot say.
    /// </summary>
    /// <exception cref="UserInputException">The data differs.</exception>
    public static void CheckData(RunDirectory run, DataFingerprint? now)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (now is null || !File.Exists(run.ConfigPath)) return;
        if (SettingsFile<SearchConfig>.Provenance(run.ConfigPath)?.Data is not { } recorded) return;
        if (recorded.DifferenceFrom(now) is { } difference)
            throw new UserInputException($"{run.Root}: the data is not the data the run started on ({difference}); a " +
                "run continues only on its own data");
    }

    /// <summary>
    /// The dataset spec <paramref name="spec"/> of <paramref name="run"/>'s <c>config.json</c> with a <c>folder:</c>
    /// path absolute. Runs of this version record it absolute. An earlier version recorded it as typed, relative to the
    /// folder the run was started in, which it did not record; it is resolved against the working folder only when the
    /// run's command line shows that this is that folder (its relative <c>--out</c>, or the default <c>runs/NAME</c>,
    /// names this run folder), and refused otherwise.
    /// </summary>
    /// <exception cref="UserInputException">The path is relative and this may not be the folder the run was started
    /// in.</exception>
    public static string DatasetFor(RunDirectory run, string spec)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (DatasetSpec.RelativeFolder(spec) is null) return spec;
        var commandLine = File.Exists(run.ConfigPath)
            ? SettingsFile<SearchConfig>.Provenance(run.ConfigPath)?.CommandLine : null;
        if (commandLine is not null && StartedHere(run.Root, commandLine)) return DatasetSpec.Absolute(spec);
        throw new UserInputException($"{run.Root}: config.json records the dataset as '{spec}', a path relative to " +
                                     "the folder the run was started in, and the run's record does not show that " +
                                     "this is that folder; resume from there, or write the absolute path into " +
                                     "config.json's \"dataset\"");
    }

    /// <summary>The <c>result.json</c> of a finished run, read as <typeparamref name="T"/> and checked
    /// (<see cref="CheckResult"/>).</summary>
    /// <exception cref="UserInputException">It cannot be read, does not read as a result, or is not this
    /// run's.</exception>
    public static T Result<T>(RunDirectory run) where T : class
    {
        ArgumentNullException.ThrowIfNull(run);
        string text;
        try { text = File.ReadAllText(run.ResultPath); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UserInputException($"{run.ResultPath}: cannot be read ({OneLine.Of(e)})", e);
        }
        var result = RunJson.Parse<T>(text, run.ResultPath);
        CheckResult(run, RunJson.ParseObject(text, run.ResultPath));
        return result;
    }

    /// <summary>
    /// Refuses a <c>result.json</c> (<paramref name="result"/>, read whole) that is not the result of the run in
    /// <paramref name="run"/>: in a run whose <c>config.json</c> records a run id, the result must record the same id,
    /// each key it shares with <c>config.json</c> (dataset, seed, method, epochs, arch…) must hold the same value, and
    /// the SHA-256 of the metrics lines it records must be that of <c>metrics.jsonl</c>. Runs of earlier versions
    /// recorded no run id and are not checked.
    /// </summary>
    /// <exception cref="UserInputException">The result disagrees with the run's record; the message says
    /// how.</exception>
    public static void CheckResult(RunDirectory run, JsonObject result)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(result);
        if (RunId(run.Root) is not { } runId) return;
        var config = RunJson.ParseObject(File.ReadAllText(run.ConfigPath), run.ConfigPath);
        var recordedId = Text(result[RunJson.Key(nameof(SearchResultRecord.RunId))]);
        if (recordedId != runId)
            throw new UserInputException($"{run.ResultPath}: " +
                                         (recordedId is null ? "records no run id" : $"records run id {recordedId}") +
                                         $", config.json run id {runId}; it is not this run's result: remove it and " +
                                         "resume the run to write it again");
        foreach (var (key, value) in result)
            if (value is not null && key != RunProvenance.Key && config.TryGetPropertyValue(key, out var setting) &&
                setting is not null && !JsonNode.DeepEquals(value, setting))
                throw new UserInputException($"{run.ResultPath}: '{key}' is {Shown(value)}, config.json's " +
                                             $"{Shown(setting)}; it is not this run's result: remove it and resume " +
                                             "the run to write it again");
        var metricsHash = Text(result[RunJson.Key(nameof(SearchResultRecord.MetricsSha256))]);
        if (metricsHash is null || metricsHash != MetricsSha256(run.MetricsPath, int.MaxValue))
            throw new UserInputException($"{run.ResultPath}: the metrics lines it records are not metrics.jsonl's " +
                                         "(their SHA-256 differs); the run's record disagrees with itself");
    }

    /// <summary>
    /// The run id that the <c>config.json</c> in <paramref name="runFolder"/> records in its provenance; null where
    /// there is none (no config.json, or a run of an earlier version) or it does not read.
    /// </summary>
    public static string? RunId(string runFolder)
    {
        var path = Path.Combine(runFolder, "config.json");
        if (!File.Exists(path)) return null;
        try
        {
            return JsonNode.Parse(File.ReadAllText(path)) is JsonObject config
                && config[RunProvenance.Key] is JsonObject provenance
                ? Text(provenance[RunJson.Key(nameof(RunProvenance.RunId))])
                : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException) { return null; }
    }

    /// <summary>
    /// The SHA-256 (hex) of the first <paramref name="epochs"/> lines of the metrics file <paramref name="path"/>, each
    /// line written again without spaces, so line endings, a byte order mark and spacing do not change it; null when
    /// the file is missing or a line does not read as JSON.
    /// </summary>
    public static string? MetricsSha256(string path, int epochs)
    {
        if (!File.Exists(path)) return null;
        var text = new System.Text.StringBuilder();
        var taken = 0;
        try
        {
            foreach (var line in File.ReadLines(path))
            {
                if (taken == epochs) break;
                if (line.Trim().Length == 0) continue;
                text.Append(JsonNode.Parse(line)?.ToJsonString(Compact) ?? "null").Append('\n');
                taken++;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException) { return null; }
        return Convert.ToHexString(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text.ToString())))
            .ToLowerInvariant();
    }

    private static readonly JsonSerializerOptions Compact = new(RunDirectory.Json) { WriteIndented = false };

    private static string Shown(JsonNode node)
    {
        var text = node.ToJsonString(Compact);
        return text.Length <= 80 ? text : text[..77] + "...";
    }

    private static string? Text(JsonNode? node)
        => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static bool StartedHere(string root, IReadOnlyList<string> commandLine)
    {
        string? given = null;
        for (var i = 0; i < commandLine.Count; i++)
        {
            if (commandLine[i] == "--out" && i + 1 < commandLine.Count) given = commandLine[i + 1];
            else if (commandLine[i].StartsWith("--out=", StringComparison.Ordinal))
                given = commandLine[i]["--out=".Length..];
        }
        given ??= Path.Combine("runs", Path.GetFileName(root));
        if (given.Length == 0 || Path.IsPathRooted(given)) return false;
        var started = Path.TrimEndingDirectorySeparator(Path.GetFullPath(given));
        root = Path.TrimEndingDirectorySeparator(root);
        return started == root || Path.Combine(started, "train") == root;  // search --then-train trains in RUN/train
    }

    private static string Done(int epochs, int? step)
        => step is { } s ? $"{epochs} epochs and {s} steps done" : $"{epochs} epochs done";

    private static string EpochsText(int count) => count switch
    {
        0 => "no epoch",
        1 => "epoch 1",
        _ => $"epochs 1-{count}",
    };
}
