using VpDarts.Data;

namespace VpDarts.Runs;

/// <summary>
/// The checks a run folder's record passes before a run continues from it, run before any data is loaded or any file
/// written: every checkpoint whose files verify is named after the epochs (and steps) its <c>state.json</c> records and
/// was written under the settings of <c>config.json</c>; <c>metrics.jsonl</c> holds epochs 1, 2, … in order, at least as
/// many as the newest such checkpoint records; and a record of finished epochs has a checkpoint to continue from.
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
    public static void Check<TConfig>(RunDirectory run, int epochs, IReadOnlyList<int> metricsEpochs, Func<TConfig, TConfig> requested)
        where TConfig : class
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(metricsEpochs);
        ArgumentNullException.ThrowIfNull(requested);
        if (!File.Exists(run.ConfigPath)) return;
        for (var i = 0; i < metricsEpochs.Count; i++)
            if (metricsEpochs[i] != i)
                throw new UserInputException($"{run.Root}: metrics.jsonl line {i + 1} records epoch {metricsEpochs[i] + 1}, expected epoch {i + 1} " +
                                             "(one line per epoch, in order); the run's record disagrees with itself, so it is not continued");

        var unusable = new List<string>();
        (string Name, int EpochsDone)? newest = null;
        foreach (var folder in Checkpoints.List(run.CheckpointsPath))
        {
            var name = Path.GetFileName(folder);
            var named = Checkpoints.NameOf(folder)
                        ?? throw new UserInputException($"{run.Root}: checkpoints/{name} is not named as a checkpoint (epoch-NNNN or epoch-NNNN-step-SSSSS); " +
                                                        "move it out of checkpoints/");
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
                throw new UserInputException($"{run.Root}: checkpoint {name} records {Done(manifest.EpochsDone, step)} in its state.json, " +
                                             $"its name {Done(named.EpochsDone, named.Step)}; the run's record disagrees with itself, so it is not continued");
            if (manifest.Settings is { } settings)
            {
                var recorded = SettingsFile<TConfig>.Parse(settings.ToJsonString(), Path.Combine(folder, "state.json"));
                var differences = SettingsFile<TConfig>.Differences(recorded, requested(recorded));
                if (differences.Count > 0)
                    throw new UserInputException($"{run.Root}: config.json disagrees with checkpoint {name}: {string.Join("; ", differences)} " +
                                                 "(the checkpoint's value → config.json's); restore config.json or start a new run");
            }
            newest ??= (name, manifest.EpochsDone);
        }

        var recordedEpochs = metricsEpochs.Count;
        if (newest is { } usable && recordedEpochs < usable.EpochsDone)
            throw new UserInputException($"{run.Root}: metrics.jsonl holds {EpochsText(recordedEpochs)} but checkpoint {usable.Name} records " +
                                         $"{usable.EpochsDone} epochs done; the run's record disagrees with itself, so it is not continued");
        if (newest is null && unusable.Count > 0)
            throw new UserInputException($"{run.Root}: no checkpoint can be continued from ({string.Join("; ", unusable)}); the run is not started " +
                                         "over on top of its record: start a new run in another folder");
        // One metrics line and no checkpoint: stopped between an epoch's metrics line and its checkpoint, so that epoch runs again.
        if (newest is null && recordedEpochs > 1)
            throw new UserInputException($"{run.Root}: metrics.jsonl holds {EpochsText(recordedEpochs)} but checkpoints/ holds no checkpoint; " +
                                         "the run is not started over on top of its record: start a new run in another folder");
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
            throw new UserInputException($"{run.Root}: the data is not the data the run started on ({difference}); a run continues only on its own data");
    }

    /// <summary>
    /// The dataset spec <paramref name="spec"/> of <paramref name="run"/>'s <c>config.json</c> with a <c>folder:</c> path
    /// absolute. Runs of this version record it absolute. An earlier version recorded it as typed, relative to the
    /// folder the run was started in, which it did not record; it is resolved against the working folder only when the
    /// run's command line shows that this is that folder (its relative <c>--out</c>, or the default <c>runs/NAME</c>,
    /// names this run folder), and refused otherwise.
    /// </summary>
    /// <exception cref="UserInputException">The path is relative and this may not be the folder the run was started in.</exception>
    public static string DatasetFor(RunDirectory run, string spec)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (DatasetSpec.RelativeFolder(spec) is null) return spec;
        var commandLine = File.Exists(run.ConfigPath) ? SettingsFile<SearchConfig>.Provenance(run.ConfigPath)?.CommandLine : null;
        if (commandLine is not null && StartedHere(run.Root, commandLine)) return DatasetSpec.Absolute(spec);
        throw new UserInputException($"{run.Root}: config.json records the dataset as '{spec}', a path relative to the folder the run was started in, " +
                                     "and the run's record does not show that this is that folder; resume from there, or write the absolute path into " +
                                     "config.json's \"dataset\"");
    }

    /// <summary>The <c>result.json</c> of a finished run, read as <typeparamref name="T"/>.</summary>
    /// <exception cref="UserInputException">It cannot be read or does not read as a result.</exception>
    public static T Result<T>(RunDirectory run) where T : class
    {
        ArgumentNullException.ThrowIfNull(run);
        string text;
        try { text = File.ReadAllText(run.ResultPath); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UserInputException($"{run.ResultPath}: cannot be read ({OneLine.Of(e)})", e);
        }
        return RunJson.Parse<T>(text, run.ResultPath);
    }

    private static bool StartedHere(string root, IReadOnlyList<string> commandLine)
    {
        string? given = null;
        for (var i = 0; i < commandLine.Count; i++)
        {
            if (commandLine[i] == "--out" && i + 1 < commandLine.Count) given = commandLine[i + 1];
            else if (commandLine[i].StartsWith("--out=", StringComparison.Ordinal)) given = commandLine[i]["--out=".Length..];
        }
        given ??= Path.Combine("runs", Path.GetFileName(root));
        if (given.Length == 0 || Path.IsPathRooted(given)) return false;
        var started = Path.TrimEndingDirectorySeparator(Path.GetFullPath(given));
        root = Path.TrimEndingDirectorySeparator(root);
        return started == root || Path.Combine(started, "train") == root;  // search --then-train trains in RUN/train
    }

    private static string Done(int epochs, int? step) => step is { } s ? $"{epochs} epochs and {s} steps done" : $"{epochs} epochs done";

    private static string EpochsText(int count) => count switch
    {
        0 => "no epoch",
        1 => "epoch 1",
        _ => $"epochs 1-{count}",
    };
}
