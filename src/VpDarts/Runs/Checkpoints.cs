using System.Security.Cryptography;
using System.Text.Json.Nodes;
using VpDarts.Runtime;
using static TorchSharp.torch;

namespace VpDarts.Runs;

/// <summary>
/// Epoch checkpoints in <c>checkpoints/epoch-NNNN/</c>: module weights, optimiser states and a <c>state.json</c>
/// manifest with each file's size and SHA-256. A folder is written under a temporary name and renamed when
/// complete; the newest that verifies is loaded, older ones are the fallback. The newest <c>keep</c> are kept (two by
/// default, all with 0), so a run can keep every epoch's supernet for later analysis.
/// </summary>
public static class Checkpoints
{
    private const string ModelFile = "model.bin";
    private const string ManifestFile = "state.json";

    /// <summary>
    /// Saves a checkpoint after <paramref name="epochsDone"/> epochs and, when stopped inside the next epoch,
    /// <paramref name="step"/> of its steps, 0 included (folder <c>epoch-NNNN-step-SSSSS</c>, which sorts after
    /// <c>epoch-NNNN</c>).
    /// Afterwards only the newest <paramref name="keep"/> checkpoints remain (0 = all).
    /// </summary>
    public static string Save(string root, int epochsDone, nn.Module model, IReadOnlyDictionary<string, TorchSharp.Modules.OptimizerHelper> optimizers,
        JsonObject state, int? step = null, int keep = 2)
    {
        Directory.CreateDirectory(root);
        var name = step is { } s ? $"epoch-{epochsDone:D4}-step-{s:D5}" : $"epoch-{epochsDone:D4}";
        var final = Path.Combine(root, name);
        var partial = Path.Combine(root, $".partial-{name}-{Environment.ProcessId}");
        try
        {
            if (Directory.Exists(partial)) Directory.Delete(partial, true);
            Directory.CreateDirectory(partial);
            var files = new JsonObject();
            void Add(string file, Action<string> write)
            {
                var path = Path.Combine(partial, file);
                write(path);
                files[file] = new JsonObject { ["size"] = new FileInfo(path).Length, ["sha256"] = Hash(path) };
            }
            Add(ModelFile, p => model.save(p));
            foreach (var (key, optimizer) in optimizers) Add($"{key}-optimizer.bin", p => optimizer.save_state_dict(p));
            var manifest = new JsonObject { ["format"] = 1, ["epochs_done"] = epochsDone, ["files"] = files, ["state"] = state.DeepClone() };
            AtomicFile.WriteAllText(Path.Combine(partial, ManifestFile), manifest.ToJsonString(RunDirectory.Json));
            if (Directory.Exists(final)) Directory.Delete(final, true);
            Directory.Move(partial, final);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            AtomicFile.TryDeleteDirectory(partial);
            throw new UserInputException($"{final}: cannot write checkpoint ({e.Message.Split('\n')[0].Trim()})", e);
        }
        if (keep > 0)
            foreach (var old in List(root).Skip(keep)) AtomicFile.TryDeleteDirectory(old);
        return final;
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
    public static LoadedCheckpoint? LoadLatest(string root, nn.Module model, IReadOnlyDictionary<string, TorchSharp.Modules.OptimizerHelper> optimizers,
        Action<string> warn, Action<LoadedCheckpoint>? restore = null)
    {
        foreach (var folder in List(root))
        {
            var problem = Verify(folder, out var manifest);
            if (problem is null)
            {
                var loaded = new LoadedCheckpoint(manifest!["epochs_done"]!.GetValue<int>(), manifest["state"]!.AsObject(), folder);
                try
                {
                    foreach (var key in optimizers.Keys)
                        if (!manifest["files"]!.AsObject().ContainsKey($"{key}-optimizer.bin"))
                            throw new CheckpointStateException($"state.json does not list {key}-optimizer.bin");
                    model.load(Path.Combine(folder, ModelFile));
                    foreach (var (key, optimizer) in optimizers) optimizer.load_state_dict(Path.Combine(folder, $"{key}-optimizer.bin"));
                    restore?.Invoke(loaded);
                    return loaded;
                }
                catch (CheckpointStateException e) { problem = e.Message; }
                catch (Exception e) when (e is ArgumentException or InvalidOperationException or FormatException or IOException or KeyNotFoundException)
                {
                    problem = e.Message.Split('\n')[0].Trim();  // files that verify but that this network or optimiser cannot take
                }
            }
            warn($"checkpoint {folder} is unusable ({problem}); trying the previous one");
        }
        return null;
    }

    /// <summary>Null when the manifest is well formed and every file of the checkpoint matches it, else what is wrong.</summary>
    public static string? Verify(string folder, out JsonObject? manifest)
    {
        manifest = null;
        var manifestPath = Path.Combine(folder, ManifestFile);
        if (!File.Exists(manifestPath)) return "no state.json";
        JsonObject parsed;
        try { parsed = JsonNode.Parse(File.ReadAllText(manifestPath)) as JsonObject ?? throw new System.Text.Json.JsonException("not an object"); }
        catch (System.Text.Json.JsonException e) { return $"state.json is not a valid JSON object: {e.Message.Split('\n')[0]}"; }
        if (parsed["format"] is not JsonValue format || !format.TryGetValue<int>(out var f) || f != 1) return "state.json: 'format' is not 1";
        if (parsed["epochs_done"] is not JsonValue done || !done.TryGetValue<int>(out var epochs) || epochs < 0)
            return "state.json: 'epochs_done' is not a count of epochs";
        if (parsed["state"] is not JsonObject) return "state.json: 'state' is not an object";
        if (parsed["files"] is not JsonObject files) return "state.json: 'files' is not an object";
        if (!files.ContainsKey(ModelFile)) return $"state.json does not list {ModelFile}";
        foreach (var (file, info) in files)
        {
            if (file.Length == 0 || file != Path.GetFileName(file) || file.StartsWith('.')) return $"state.json lists '{file}', not a file name";
            if (info?["size"] is not JsonValue sizeValue || !sizeValue.TryGetValue<long>(out var size) || size < 0)
                return $"state.json: the size of {file} is not a byte count";
            if (info["sha256"] is not JsonValue hashValue || !hashValue.TryGetValue<string>(out var hash) || hash.Length != 64)
                return $"state.json: the SHA-256 of {file} is not 64 hex digits";
            var path = Path.Combine(folder, file);
            if (!File.Exists(path)) return $"{file} is missing";
            var length = new FileInfo(path).Length;
            if (length != size) return $"{file} has {length} bytes, expected {size}";
            if (Hash(path) != hash) return $"{file} fails its SHA-256 check";
        }
        manifest = parsed;
        return null;
    }

    private static string Hash(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexString(SHA256.HashData(stream)).ToLowerInvariant();
    }
}
