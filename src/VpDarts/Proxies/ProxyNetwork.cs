using VpDarts.Models;
using VpDarts.SearchSpace;

namespace VpDarts.Proxies;

/// <summary>
/// A freshly built network for one proxy: its module (weights, layers, hooks) and the forward pass that is scored.
/// Proxies may change weights (synflow takes their magnitudes, zen draws new ones), so each gets its own copy.
/// </summary>
public sealed class ProxyNetwork : IDisposable
{
    private readonly Func<Tensor, Tensor> _forward;

    /// <summary>Wraps <paramref name="module"/>, scored through <paramref name="forward"/>; the module is put in
    /// training mode (batch statistics), as the proxies' papers score untrained networks.</summary>
    public ProxyNetwork(nn.Module module, Func<Tensor, Tensor> forward)
    {
        Module = module;
        _forward = forward;
        module.train();
    }

    /// <summary>The network's module.</summary>
    public nn.Module Module { get; }

    /// <summary>Logits for <paramref name="images"/>.</summary>
    public Tensor Forward(Tensor images) => _forward(images);

    /// <summary>The weights of the convolutions and linear layers, the layers the proxies' papers score.</summary>
    public IList<Tensor> LayerWeights =>
        Module.modules().Select(m => m switch
        {
            Conv2d conv => conv.weight,
            Linear linear => linear.weight,
            _ => null,
        }).OfType<Tensor>().ToList();

    /// <summary>
    /// A factory of freshly initialised discrete NB201 networks of <paramref name="genotype"/>: every call seeds
    /// torch's generator with <paramref name="seed"/> first, so every proxy sees the same initial weights.
    /// </summary>
    public static Func<ProxyNetwork> Discrete(Genotype genotype, NetworkShape shape, long seed) => () =>
    {
        torch.manual_seed(seed);
        var network = new DiscreteNetwork(genotype, shape);
        return new ProxyNetwork(network, network.forward);
    };

    /// <inheritdoc />
    public void Dispose() => Module.Dispose();
}
