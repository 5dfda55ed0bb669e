using System.Security.Cryptography;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using VpDarts.Data;
using VpDarts.Optimizers;
using VpDarts.Runtime;

namespace VpDarts.Runs;

/// <summary>
/// Epoch checkpoints in <c>checkpoints/epoch-NNNN/</c>: module weights, optimiser states and a <c>state.json</c>
/// manifest (<see cref="CheckpointManifest"/>) with each file's size and SHA-256. A folder is written under a
/// temporary name and renamed when complete; the newest that verifies is loaded, older ones are the fallback. The
/// newest <c>keep</c> are kept (two by default, all with 0), so a run can keep every epoch's supernet for later
/// analysis.
/// </summary>
public static partial class Checkpoints
{
    private const string ModelFile = "model.bin";
    private const string ManifestFile = "state.json";

    /// <summary>A checkpoint folder's name: the epochs done and, inside an epoch, the steps of it done.</summary>
    [GeneratedRegex(@"^epoch-(\d{4,9})(?:-step-(\d{5,9}))?$", RegexOptions.CultureInvariant)]
    private static partial Regex CheckpointName();

    /// <summary>A checkpoint being written (<c>.partial-NAME-PID</c>); the group is the writer's process id.</summary>
    [GeneratedRegex(@"^\.partial-epoch-\d{4,9}(?:-step-\d{5,9})?-(\d{1,10})$", RegexOptions.CultureInvariant)]
    private static partial Regex PartialName();

    /// <summary>The optimisers of a search as a checkpoint names them: the weights' SGD and α's Adam.</summary>
    public static IReadOnlyDictionary<string, OptimizerHelper> SearchOptimizers(OptimizerHelper weights,
        OptimizerHelper alpha) =>
        new Dictionary<string, OptimizerHelper> { ["weight"] = weights, ["arch"] = alpha };

    /// <summary>The optimiser of a training run as a checkpoint names it.</summary>
    public static IReadOnlyDictionary<string, OptimizerHelper> TrainOptimizers(OptimizerHelper sgd) =>
        new Dictionary<string, OptimizerHelper> { ["sgd"] = sgd };

    /// <summary>
    /// Saves a checkpoint after <paramref name="epochsDone"/> epochs and, when stopped inside the next epoch,
    /// <paramref name="step"/> of its steps, 0 included (folder <c>epoch-NNNN-step-SSSSS</c>, which sorts after
    /// <c>epoch-NNNN</c>).
    /// Afterwards only the newest <paramref name="keep"/> checkpoints remain (0 = all). <paramref name="settings"/>,
    /// the run's settings as its <c>config.json</c> holds them, are recorded so a resume under other settings is
    /// refused; so are the run id of the run folder's <c>config.json</c> and the SHA-256 of its metrics lines of the
    /// epochs done. Checkpoints that killed processes left half-written are removed first.
    /// </summary>
    public static string Save(string root, int epochsDone, nn.Module model,
        IReadOnlyDictionary<string, OptimizerHelper> optimizers,
        CheckpointState state, int? step = null, int keep = 2, JsonObject? settings = null)
    {
        Directory.CreateDirectory(root);
        RemoveStalePartials(root);
        var runFolder = Path.GetDirectoryName(Path.GetFullPath(root))!;
        var name = step is { } s ? $"epoch-{epochsDone:D4}-step-{s:D5}" : $"epoch-{epochsDone:D4}";
        var final = Path.Combine(root, name);
        var partial = Path.Combine(root, $".partial-{name}-{Environment.ProcessId}");
        try
        {
            if (Directory.Exists(partial)) Directory.Delete(partial, true);
            Directory.CreateDirectory(partial);
            var files = new Dictionary<string, CheckpointFileEntry>();
            void Add(string file, Action<string> write)
            {
                var path = Path.Combine(partial, file);
                write(path);
                files[file] = new CheckpointFileEntry { Size = new FileInfo(path).Length, Sha256 = Hash(path) };
            }
            Add(ModelFile, p => model.save(p));
            foreach (var (key, optimizer) in optimizers)
                Add(OptimizerFile(key), p => OptimizerStateFile.Save(optimizer, p));
            var manifest = new CheckpointManifest
            {
                Format = CheckpointManifest.CurrentFormat, EpochsDone = epochsDone, Files = files, State = state,
                Settings = settings, RunId = RunRecordCheck.RunId(runFolder),
                MetricsSha256 = RunRecordCheck.MetricsSha256(Path.Combine(runFolder, "metrics.jsonl"), epochsDone),
            };
            AtomicFile.WriteAllText(Path.Combine(partial, ManifestFile),
                System.Text.Json.JsonSerializer.Serialize(manifest, RunDirectory.Json));
            if (Directory.Exists(final)) Directory.Delete(final, true);
            Directory.Move(partial, final);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            AtomicFile.TryDeleteDirectory(partial);
            throw new UserInputException($"{final}: cannot write checkpoint ({OneLine.Of(e)})", e);
        }
        if (keep > 0)
            foreach (var old in List(root).Skip(keep)) AtomicFile.TryDeleteDirectory(old);
        return final;
    }

    /// <summary>Deletes the half-written checkpoints in <paramref name="root"/> of processes that no longer
    /// run.</summary>
    public static void RemoveStalePartials(string root) => StagingPaths.RemoveStale(root, PartialName());

    /// <summary>
    /// The epochs done and (inside an epoch) the steps done that a checkpoint folder's name records; null when the
    /// name is not a checkpoint's.
    /// </summary>
    public static (int EpochsDone, int? Step)? NameOf(string folder)
    {
        var match = CheckpointName().Match(Path.GetFileName(folder));
        if (!match.Success
            || !int.TryParse(match.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var epochs))
            return null;
        if (!match.Groups[2].Success) return (epochs, null);
        return int.TryParse(match.Groups[2].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var step)
            ? (epochs, step) : null;
    }

    /// <summary>Checkpoint folders, newest first.</summary>
    public static IReadOnlyList<string> List(string root) =>
        Directory.Exists(root)
            ? Directory.GetDirectories(root, "epoch-*").OrderByDescending(d => d, StringComparer.Ordinal).ToList()
            : [];

    /// <summary>
    /// Loads the newest checkpoint that verifies into <paramref name="model"/> and <paramref name="optimizers"/>, then
    /// hands it to <paramref name="restore"/>, which reads the run's own state from it and throws
    /// <see cref="CheckpointStateException"/> when that state is unusable. A checkpoint that fails either way is
    /// reported through <paramref name="warn"/> and the previous one is tried. Null when none is usable.
    /// </summary>
    /// <exception cref="UserInputException">A checkpoint whose files verify does not fit the network or optimisers (it
    /// was written under other settings).</exception>
    public static LoadedCheckpoint? LoadLatest(string root, nn.Module model,
        IReadOnlyDictionary<string, OptimizerHelper> optimizers,
        Action<string> warn, Action<LoadedCheckpoint>? restore = null)
    {
        foreach (var folder in List(root))
        {
            var problem = Verify(folder, out var manifest);
            if (problem is null)
            {
                var loaded = new LoadedCheckpoint(manifest!.EpochsDone, manifest.State, folder);
                try
                {
                    foreach (var key in optimizers.Keys)
                        if (!manifest.Files.ContainsKey(OptimizerFile(key)))
                            throw new CheckpointStateException($"state.json does not list {OptimizerFile(key)}");
                    model.load(Path.Combine(folder, ModelFile));
                    foreach (var (key, optimizer) in optimizers)
                        OptimizerStateFile.Load(optimizer, Path.Combine(folder, OptimizerFile(key)));
                    restore?.Invoke(loaded);
                    return loaded;
                }
                catch (CheckpointStateException e) { problem = e.Message; }
                catch (Exception e) when (e is ArgumentException or InvalidDataException or InvalidOperationException
                    or FormatException or IOException or KeyNotFoundException)
                {
                    // The files are as written (they verify), so they are not corrupt: they were written for another
                    // network.
                    throw new UserInputException($"{Path.GetDirectoryName(root)}: checkpoint " +
                                                 $"{Path.GetFileName(folder)} does not fit the network that " +
                                                 $"config.json describes ({OneLine.Of(e)}); restore config.json or " +
                                                 "start a new run", e);
                }
            }
            warn($"checkpoint {folder} is unusable ({problem}); trying the previous one");
        }
        return null;
    }

    /// <summary>
    /// The newest usable checkpoint's weights loaded into <paramref name="model"/> (no optimiser state), with its
    /// state; unusable ones are reported through <paramref name="warn"/> and skipped. Null when none is usable.
    /// </summary>
    public static LoadedCheckpoint? LoadLatestModel(string root, nn.Module model, Action<string> warn) =>
        LoadLatest(root, model, new Dictionary<string, OptimizerHelper>(), warn);

    /// <summary>The weights of the checkpoint in <paramref name="folder"/> loaded into <paramref name="model"/>, with
    /// its state.</summary>
    /// <exception cref="UserInputException">The checkpoint does not verify or does not fit
    /// <paramref name="model"/>.</exception>
    public static LoadedCheckpoint LoadModel(string folder, nn.Module model)
    {
        var problem = Verify(folder, out var manifest);
        if (problem is null)
        {
            try
            {
                model.load(Path.Combine(folder, ModelFile));
                return new LoadedCheckpoint(manifest!.EpochsDone, manifest.State, folder);
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException or FormatException
                or IOException or KeyNotFoundException)
            {
                problem = OneLine.Of(e);
            }
        }
        throw new UserInputException($"{folder}: unusable checkpoint ({problem})");
    }

    /// <summary>Null when the manifest is well formed and every file of the checkpoint matches it, else what is
    /// wrong.</summary>
    public static string? Verify(string folder, out CheckpointManifest? manifest)
    {
        manifest = null;
        var manifestPath = Path.Combine(folder, ManifestFile);
        if (!File.Exists(manifestPath)) return "no state.json";
        string text;
        try { text = File.ReadAllText(manifestPath); }
        catch (Exception e) when (e is IOException
            or UnauthorizedAccessException) { return $"state.json cannot be read ({OneLine.Of(e)})"; }
        if (RunJson.TryParse<CheckpointManifest>(text, out var parsed) is { } problem) return $"state.json: {problem}";
        if (!parsed!.Files.ContainsKey(ModelFile)) return $"state.json does not list {ModelFile}";
        foreach (var (file, entry) in parsed.Files)
        {
            if (file.Length == 0 || file != Path.GetFileName(file) || file.StartsWith('.'))
                return $"state.json lists '{file}', not a file name";
            var path = Path.Combine(folder, file);
            if (!File.Exists(path)) return $"{file} is missing";
            var length = new FileInfo(path).Length;
            if (length != entry.Size) return $"{file} has {length} bytes, expected {entry.Size}";
            if (Hash(path) != entry.Sha256) return $"{file} fails its SHA-256 check";
        }
        manifest = parsed;
        return null;
    }

    private static string OptimizerFile(string name) => $"{name}-optimizer.bin";

    private static string Hash(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexString(SHA256.HashData(stream)).ToLowerInvariant();
    }
}
