using TorchSharp.PyBridge;

namespace VpDarts.Models;

/// <summary>Loads and saves module weights as safetensors by PyTorch-style names.</summary>
public static class StateDictFiles
{
    /// <summary>Reads every tensor of a safetensors file.</summary>
    public static Dictionary<string, Tensor> ReadSafetensors(string path)
    {
        if (!File.Exists(path)) throw new UserInputException($"{path}: file not found");
        try
        {
            return Safetensors.LoadStateDict(path);
        }
        catch (Exception e) when (e is not UserInputException)
        {
            throw new UserInputException($"{path}: not a readable safetensors file ({e.Message})", e);
        }
    }

    /// <summary>
    /// Copies the tensors of <paramref name="source"/> into <paramref name="module"/> by name. Every parameter and
    /// buffer of the module must be present (<c>num_batches_tracked</c> may be absent); names in
    /// <paramref name="source"/> that the module lacks are returned so callers can decide whether that is an error.
    /// </summary>
    public static IReadOnlyList<string> CopyInto(nn.Module module,
        IReadOnlyDictionary<string, Tensor> source, string origin)
    {
        var target = module.state_dict();
        var missing = target.Keys
            .Where(k => !source.ContainsKey(k) && !k.EndsWith("num_batches_tracked", StringComparison.Ordinal))
            .ToList();
        if (missing.Count > 0)
            throw new UserInputException($"{origin}: missing {missing.Count} tensors, first '{missing[0]}'");
        using (no_grad())
        {
            foreach (var (name, tensor) in target)
            {
                if (!source.TryGetValue(name, out var value)) continue;
                if (!value.shape.SequenceEqual(tensor.shape))
                    throw new UserInputException(
                        $"{origin}: '{name}' has shape [{string.Join(",", value.shape)}], expected " +
                        $"[{string.Join(",", tensor.shape)}]");
                tensor.copy_(value);
            }
        }
        return source.Keys.Where(k => !target.ContainsKey(k)).ToList();
    }
}
