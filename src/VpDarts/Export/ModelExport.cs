using VpDarts.Models;
using VpDarts.Runs;
using VpDarts.Runtime;

namespace VpDarts.Export;

/// <summary>
/// Exports a trained NB201 network to a folder — <c>model.safetensors</c> (PyTorch names), <c>model.bin</c>
/// (TorchSharp) and <c>model.json</c> (how to rebuild and feed it) — and loads such a folder back.
/// Every file is written atomically; <c>model.json</c> is written last. See <c>docs/MODEL_FORMAT.md</c>.
/// </summary>
public static class ModelExport
{
    /// <summary>File name of the description.</summary>
    public const string InfoFile = "model.json";
    /// <summary>File name of the safetensors weights.</summary>
    public const string SafetensorsFile = "model.safetensors";
    /// <summary>File name of the TorchSharp weights.</summary>
    public const string TorchSharpFile = "model.bin";

    /// <summary>The weight file of <paramref name="format"/>.</summary>
    public static string FileName(ModelFormat format)
        => format == ModelFormat.Safetensors ? SafetensorsFile : TorchSharpFile;

    /// <summary>Writes <paramref name="network"/> to <paramref name="directory"/> (created if needed) and returns its
    /// description.</summary>
    public static ModelInfo Save(string directory, DiscreteNetwork network, ModelInput input)
    {
        var info = ModelInfo.Describe(network, input);
        var dir = Path.GetFullPath(directory);
        Directory.CreateDirectory(dir);
        using (var scope = NewDisposeScope())
        {
            var state = network.state_dict().ToDictionary(kv => kv.Key, kv => kv.Value.detach().cpu().contiguous());
            AtomicFile.Write(Path.Combine(dir, SafetensorsFile),
                stream => SafetensorsWriter.Write(stream, state, info.SafetensorsMetadata()));
        }
        AtomicFile.WriteVia(Path.Combine(dir, TorchSharpFile), path => network.save(path));
        RunDirectory.WriteJson(Path.Combine(dir, InfoFile), info);
        return info;
    }

    /// <summary>Reads and checks the <c>model.json</c> of the model folder <paramref name="directory"/>.</summary>
    public static ModelInfo ReadInfo(string directory)
        => ModelInfo.Read(Path.Combine(CheckFolder(directory), InfoFile));

    /// <summary>
    /// Rebuilds the network that <c>model.json</c> describes and loads the weights of <paramref name="format"/> into
    /// it. Before the network is built, <c>model.json</c> is checked against <see cref="ModelLimits"/> and the weight
    /// file's headers against <c>model.json</c>, so that the network takes no more memory than the weight file holds.
    /// Every tensor must be present with its shape, the weight file may hold no other, every value must be finite and
    /// every batch-norm variance non-negative, and the network must compute finite logits for two fixed inputs (see
    /// <see cref="RequireFiniteLogits"/>); the network is returned in evaluation mode on the CPU.
    /// </summary>
    /// <exception cref="UserInputException">The folder or a file is missing, unreadable or does not fit; the message
    /// names the file.</exception>
    public static LoadedModel Load(string directory, ModelFormat format = ModelFormat.Safetensors)
    {
        var dir = CheckFolder(directory);
        var infoPath = Path.Combine(dir, InfoFile);
        var info = ModelInfo.Read(infoPath);
        var weights = Path.Combine(dir, FileName(format));
        var stored = format == ModelFormat.Safetensors
            ? WeightFileIndex.ReadSafetensors(weights) : WeightFileIndex.ReadTorchSharp(weights);
        CheckListed(weights, stored, info);
        var network = new DiscreteNetwork(info.Genotype, info.Shape);
        try
        {
            var described = ModelInfo.Describe(network,
                new ModelInput(info.InputSize, info.Mean, info.Std, info.ClassNames, info.Dataset, info.ImageSize,
                    info.DataSha256));
            var mismatch = FirstDifference(info.Parameters, described.Parameters)
                ?? FirstDifference(info.Buffers ?? [], described.Buffers);
            if (mismatch is not null)
                throw new UserInputException($"{infoPath}: tensor list does not fit arch, C and N: {mismatch}");
            if (format == ModelFormat.Safetensors) LoadSafetensors(network, weights);
            else LoadTorchSharp(network, weights);
            RequireFinite(network, weights);
            RequireNonNegativeVariances(network, weights);
            network.eval();
            RequireFiniteLogits(network, info, weights);
            return new LoadedModel(network, info, dir);
        }
        catch
        {
            network.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Refuses a weight file whose tensors are not exactly those <c>model.json</c> lists, with the listed shapes
    /// (<c>num_batches_tracked</c> may be absent, as PyTorch state dicts sometimes leave it out).
    /// </summary>
    private static void CheckListed(string weights, IReadOnlyList<StoredTensor> stored, ModelInfo info)
    {
        var byName = new Dictionary<string, StoredTensor>(StringComparer.Ordinal);
        foreach (var tensor in stored)
            if (!byName.TryAdd(tensor.Name, tensor))
                throw new UserInputException($"{weights}: tensor '{tensor.Name}' appears twice");
        foreach (var entry in info.Parameters.Concat(info.Buffers ?? []))
        {
            if (!byName.Remove(entry.Name, out var tensor))
            {
                if (entry.Name.EndsWith("num_batches_tracked", StringComparison.Ordinal)) continue;
                throw new UserInputException($"{weights}: tensor '{entry.Name}' that model.json lists is missing");
            }
            if (!tensor.Shape.SequenceEqual(entry.Shape))
                throw new UserInputException($"{weights}: tensor '{entry.Name}' has shape " +
                    $"[{string.Join(",", tensor.Shape)}], model.json lists [{string.Join(",", entry.Shape)}]");
        }
        if (byName.Count > 0)
            throw new UserInputException($"{weights}: {byName.Count} tensors that model.json does not list, first " +
                $"'{stored.First(t => byName.ContainsKey(t.Name)).Name}'");
    }

    /// <summary>Refuses weights that hold NaN or infinity: they would turn every prediction into NaN.</summary>
    private static void RequireFinite(DiscreteNetwork network, string weights)
    {
        using var noGrad = no_grad();
        foreach (var (name, tensor) in network.state_dict())
        {
            if (!tensor.is_floating_point()) continue;
            using var finite = isfinite(tensor);
            using var all = finite.all();
            if (!all.item<bool>())
                throw new UserInputException($"{weights}: tensor '{name}' holds NaN or infinite values");
        }
    }

    /// <summary>Refuses a negative batch-norm running variance: evaluation takes its square root, which is
    /// NaN.</summary>
    private static void RequireNonNegativeVariances(DiscreteNetwork network, string weights)
    {
        using var noGrad = no_grad();
        foreach (var (name, tensor) in network.state_dict())
        {
            if (!name.EndsWith("running_var", StringComparison.Ordinal)) continue;
            using var negative = tensor.lt(Scalars.Zero);
            using var any = negative.any();
            if (any.item<bool>())
                throw new UserInputException(
                    $"{weights}: tensor '{name}' holds negative values; a batch-norm variance cannot be negative");
        }
    }

    /// <summary>
    /// Runs the network (in evaluation mode) once on a batch of two fixed inputs, an all-zero one and seeded noise in
    /// the range of normalised images, and refuses it if any logit is NaN or infinite: finite weights can still
    /// overflow, and a network that does so would print NaN probabilities or be exported as it is. One forward pass
    /// of two images costs far less than loading the weights.
    /// </summary>
    private static void RequireFiniteLogits(DiscreteNetwork network, ModelInfo info, string weights)
    {
        var perImage = info.InputChannels * info.InputSize * info.InputSize;
        var values = new float[2 * perImage];
        var random = new Random(20240607);
        var plane = info.InputSize * info.InputSize;
        for (var i = 0; i < perImage; i++)
        {
            var channel = i / plane;
            values[perImage + i] = ((float)random.NextDouble() - info.Mean[channel]) / info.Std[channel];
        }
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var batch = tensor(values).view(2, info.InputChannels, info.InputSize, info.InputSize);
        var logits = network.forward(batch);
        var finite = isfinite(logits).all(1).data<bool>().ToArray();
        for (var i = 0; i < finite.Length; i++)
        {
            if (finite[i]) continue;
            var kind = isnan(logits[i]).any().item<bool>() ? "NaN" : "infinite";
            var input = i == 0 ? "an all-zero input" : "a seeded random input";
            throw new UserInputException($"{weights}: the network computes {kind} logits for {input} in evaluation " +
                "mode; these weights cannot classify anything");
        }
    }

    private static string CheckFolder(string directory)
    {
        if (string.IsNullOrWhiteSpace(directory)) throw new UserInputException("--model: no model folder given");
        var dir = Path.GetFullPath(directory);
        if (!Directory.Exists(dir))
            throw new UserInputException(File.Exists(dir)
                ? $"{dir}: not a folder (expected a model folder with model.json)" : $"{dir}: model folder not found");
        return dir;
    }

    private static void LoadSafetensors(DiscreteNetwork network, string path)
    {
        var tensors = StateDictFiles.ReadSafetensors(path);
        try
        {
            var extra = StateDictFiles.CopyInto(network, tensors, path);
            if (extra.Count > 0)
                throw new UserInputException(
                    $"{path}: {extra.Count} tensors the network does not have, first '{extra[0]}'");
        }
        finally
        {
            foreach (var t in tensors.Values) t.Dispose();
        }
    }

    private static void LoadTorchSharp(DiscreteNetwork network, string path)
    {
        try
        {
            network.load(path, strict: true);
        }
        catch (Exception e) when (e is not UserInputException and not OutOfMemoryException)
        {
            throw new UserInputException($"{path}: not a readable TorchSharp model for this arch ({OneLine.Of(e)})", e);
        }
    }

    private static string? FirstDifference(IReadOnlyList<TensorEntry> stated, IReadOnlyList<TensorEntry> actual)
    {
        for (var i = 0; i < Math.Max(stated.Count, actual.Count); i++)
        {
            if (i >= stated.Count) return $"'{actual[i].Name}' is not listed";
            if (i >= actual.Count) return $"'{stated[i].Name}' is listed but the network has no such tensor";
            if (stated[i].Name != actual[i].Name || !stated[i].Shape.SequenceEqual(actual[i].Shape))
                return $"entry {i} is '{stated[i].Name}' [{string.Join(",", stated[i].Shape)}], the network has " +
                    $"'{actual[i].Name}' [{string.Join(",", actual[i].Shape)}]";
        }
        return null;
    }
}
