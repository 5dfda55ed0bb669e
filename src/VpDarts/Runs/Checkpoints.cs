using System.Security.Cryptography;
using System.Text.Json.Nodes;
using TorchSharp;
using static TorchSharp.torch;

namespace VpDarts.Runs;

/// <summary>A checkpoint that loaded and verified.</summary>
public sealed record LoadedCheckpoint(int EpochsDone, JsonObject State, string Folder);

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
    /// <paramref name="step"/> of its steps (folder <c>epoch-NNNN-step-SSSSS</c>, which sorts after <c>epoch-NNNN</c>).
    /// Afterwards only the newest <paramref name="keep"/> checkpoints remain (0 = all).
    /// </summary>
    public static string Save(string root, int epochsDone, nn.Module model, IReadOnlyDictionary<string, TorchSharp.Modules.OptimizerHelper> optimizers,
        JsonObject state, int step = 0, int keep = 2)
    {
        Directory.CreateDirectory(root);
        var name = step > 0 ? $"epoch-{epochsDone:D4}-step-{step:D5}" : $"epoch-{epochsDone:D4}";
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
    /// Loads the newest checkpoint that verifies into <paramref name="model"/> and <paramref name="optimizers"/>;
    /// each one that does not is reported through <paramref name="warn"/>. Null when there is none.
    /// </summary>
    public static LoadedCheckpoint? LoadLatest(string root, nn.Module model, IReadOnlyDictionary<string, TorchSharp.Modules.OptimizerHelper> optimizers, Action<string> warn)
    {
        foreach (var folder in List(root))
        {
            var problem = Verify(folder, out var manifest);
            if (problem is not null)
            {
                warn($"checkpoint {folder} is unusable ({problem}); trying the previous one");
                continue;
            }
            model.load(Path.Combine(folder, ModelFile));
            foreach (var (key, optimizer) in optimizers) optimizer.load_state_dict(Path.Combine(folder, $"{key}-optimizer.bin"));
            return new LoadedCheckpoint(manifest!["epochs_done"]!.GetValue<int>(), manifest["state"]!.AsObject(), folder);
        }
        return null;
    }

    /// <summary>Null when every file of the checkpoint matches its manifest, else what is wrong.</summary>
    public static string? Verify(string folder, out JsonObject? manifest)
    {
        manifest = null;
        var manifestPath = Path.Combine(folder, ManifestFile);
        if (!File.Exists(manifestPath)) return "no state.json";
        try { manifest = JsonNode.Parse(File.ReadAllText(manifestPath))?.AsObject(); }
        catch (System.Text.Json.JsonException e) { return $"state.json is not valid JSON: {e.Message}"; }
        if (manifest?["files"] is not JsonObject files || manifest["epochs_done"] is null || manifest["state"] is not JsonObject)
            return "state.json lacks files, epochs_done or state";
        foreach (var (file, info) in files)
        {
            var path = Path.Combine(folder, file);
            if (!File.Exists(path)) return $"{file} is missing";
            var size = info?["size"]?.GetValue<long>();
            if (new FileInfo(path).Length != size) return $"{file} has {new FileInfo(path).Length} bytes, expected {size}";
            if (Hash(path) != info?["sha256"]?.GetValue<string>()) return $"{file} fails its SHA-256 check";
        }
        return null;
    }

    private static string Hash(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexString(SHA256.HashData(stream)).ToLowerInvariant();
    }
}
