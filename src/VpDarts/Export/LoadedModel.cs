using VpDarts.Models;

namespace VpDarts.Export;

/// <summary>An exported network loaded back: the network (in evaluation mode) and its <c>model.json</c>.</summary>
public sealed class LoadedModel(DiscreteNetwork network, ModelInfo info, string directory) : IDisposable
{
    /// <summary>The network, in evaluation mode.</summary>
    public DiscreteNetwork Network { get; } = network;

    /// <summary>The model's description.</summary>
    public ModelInfo Info { get; } = info;

    /// <summary>Absolute path of the model folder.</summary>
    public string Directory { get; } = directory;

    /// <summary>Frees the network.</summary>
    public void Dispose() => Network.Dispose();
}
