using VpDarts.Models;
using VpDarts.Optimizers;
using VpDarts.Runs;

namespace VpDarts.Search;

/// <summary>
/// A search's two optimisers: SGD on the supernet's weights (cosine learning rate per epoch) and Adam on α, with
/// the names their states have in a checkpoint.
/// </summary>
internal sealed class SearchOptimizers : IDisposable
{
    private readonly SearchConfig config;

    /// <summary>Makes both optimisers for <paramref name="net"/> with <paramref name="config"/>'s settings.</summary>
    public SearchOptimizers(Supernet net, SearchConfig config)
    {
        this.config = config;
        WeightParameters = net.WeightParameters().ToList();
        Weights = new SgdOptimizer(WeightParameters, config.WeightLr, config.Momentum, config.EffectiveWeightDecay,
            config.EffectiveNesterov);
        Architecture = new AdamOptimizer([net.Alpha], config.ArchLr, config.ArchBeta1, config.ArchBeta2,
            weightDecay: config.EffectiveArchWeightDecay);
        Checkpointed = Checkpoints.SearchOptimizers(Weights, Architecture);
    }

    /// <summary>The supernet's weights (every parameter but α).</summary>
    public List<Parameter> WeightParameters { get; }

    /// <summary>SGD on <see cref="WeightParameters"/>.</summary>
    public SgdOptimizer Weights { get; }

    /// <summary>Adam on α.</summary>
    public AdamOptimizer Architecture { get; }

    /// <summary>Both optimisers by the names a checkpoint stores them under.</summary>
    public IReadOnlyDictionary<string, OptimizerHelper> Checkpointed { get; }

    /// <summary>
    /// Sets SGD's learning rate for <paramref name="epoch"/>, cosine from the weight learning rate down to its
    /// minimum, and returns it.
    /// </summary>
    public double SetWeightLr(int epoch)
    {
        var lr = config.WeightLrMin
                 + 0.5 * (config.WeightLr - config.WeightLrMin) * (1 + Math.Cos(Math.PI * epoch / config.Epochs));
        foreach (var group in Weights.ParamGroups) group.LearningRate = lr;
        return lr;
    }

    /// <summary>
    /// Gives every weight a zero gradient before the first step, fresh or resumed. A weight outside a step's graph
    /// (GDAS computes one op per edge) then keeps its zeroed gradient, and SGD's weight decay and momentum move it as
    /// in PyTorch 1.x, where <c>zero_grad</c> zeroes gradients, which NB201 ran on; and a resumed run, whose weights
    /// come back without gradients, updates the same weights as an uninterrupted one.
    /// </summary>
    public void ZeroWeightGradients()
    {
        foreach (var p in WeightParameters)
        {
            using var grad = p.grad;
            if (grad is not null) continue;
            using var zero = zeros_like(p);
            p.grad = zero;  // the parameter holds its own reference
        }
    }

    /// <summary>Frees Adam, then SGD (the reverse of their making).</summary>
    public void Dispose()
    {
        Architecture.Dispose();
        Weights.Dispose();
    }
}
