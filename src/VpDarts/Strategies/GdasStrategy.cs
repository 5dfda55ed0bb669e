using VpDarts.Models;
using VpDarts.Runs;
using VpDarts.Runtime;
using VpDarts.SearchSpace;

namespace VpDarts.Strategies;

/// <summary>
/// GDAS as NB201 runs it (<c>search_model_gdas.py</c>, <c>exps/NAS-Bench-201-algos/GDAS.py</c>): every forward pass
/// of a weight or an architecture step samples one op per edge by a hard Gumbel-softmax of α at temperature τ,
/// computes only that op and lets every other op add its weight alone, so the straight-through gradient reaches all
/// of α. τ falls linearly from <see cref="SearchConfig.TauMax"/> in the first epoch to
/// <see cref="SearchConfig.TauMin"/> in the last; the cell is the argmax of α.
/// </summary>
public sealed class GdasStrategy(SearchConfig config) : ArgmaxStrategy, ISearchStrategy
{
    /// <summary>Draws in a row whose noise or probabilities are not finite before the step gives up.</summary>
    private const int MaxDraws = 100;


    /// <summary>The Gumbel-softmax temperature of the current epoch (τ_max until the first epoch begins).</summary>
    public double Temperature { get; private set; } = config.TauMax;

    /// <summary>
    /// τ of <paramref name="epoch"/> out of <paramref name="epochs"/>: τ_max − (τ_max − τ_min)·epoch/(epochs − 1), as
    /// NB201's GDAS sets it; τ_max when there is only one epoch.
    /// </summary>
    public static double TemperatureAt(int epoch, int epochs, double tauMax, double tauMin) =>
        epochs <= 1 ? tauMax : tauMax - (tauMax - tauMin) * epoch / (epochs - 1);

    /// <inheritdoc />
    void ISearchStrategy.BeginSteps(int epoch) =>
        Temperature = TemperatureAt(epoch, config.Epochs, config.TauMax, config.TauMin);

    /// <summary>
    /// Samples the pass's edge weights from α and draws the logits: the sampled op of each edge is computed, every
    /// other op adds its 0-valued weight (see <see cref="CellWeights.Computed"/>).
    /// </summary>
    Tensor ISearchStrategy.TrainingLogits(Supernet net, Tensor images)
    {
        using var scope = NewDisposeScope();
        var (weights, computed) = Draw(net.Alpha, Temperature);
        return net.Forward(images, weights, computed: computed).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Gumbel noise of <paramref name="alpha"/>'s shape and type, −log(Exponential(1)), drawn on the CPU from torch's
    /// default generator (the state a checkpoint saves, so a resumed run draws the same noise) and moved to α's device.
    /// </summary>
    public static Tensor GumbelNoise(Tensor alpha)
    {
        using var scope = NewDisposeScope();
        var noise = empty(alpha.shape, alpha.dtype, CPU).exponential_().log_().neg_();
        return noise.to(alpha.device).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// One hard Gumbel-softmax sample from <paramref name="alpha"/> (edges × ops) at temperature <paramref name="tau"/>
    /// with the noise <paramref name="gumbel"/>: probs = softmax((log_softmax(α) + g)/τ) per edge, the op with the
    /// largest probability chosen, and weights = one_hot − probs.detach() + probs, whose values are the one-hot and
    /// whose gradient is that of probs. Returns the weights (linked to α by autograd) and the chosen ops as the mask
    /// of computed ops.
    /// </summary>
    public static (Tensor Weights, bool[,] Computed) Sample(Tensor alpha, double tau, Tensor gumbel)
    {
        using var scope = NewDisposeScope();
        using var temperature = tau.ToScalar();
        var probs =
            nn.functional.softmax(nn.functional.log_softmax(alpha, 1).add(gumbel, Scalars.One).div(temperature), 1);
        var index = probs.argmax(1);
        var oneHot = nn.functional.one_hot(index, alpha.shape[1]).to(probs.dtype);
        var weights = oneHot.sub(probs.detach()).add(probs, Scalars.One);
        var chosen = index.cpu().data<long>().ToArray();
        var computed = new bool[alpha.shape[0], alpha.shape[1]];
        for (var e = 0; e < chosen.Length; e++) computed[e, chosen[e]] = true;
        return (weights.MoveToOuterDisposeScope(), computed);
    }

    /// <summary>
    /// <see cref="Sample"/> with fresh noise, drawn again while the noise or the probabilities are not finite, as
    /// NB201's <c>get_gumbel_prob</c> does (its loop cannot end when α itself is not finite, so that is a fault here).
    /// </summary>
    private static (Tensor Weights, bool[,] Computed) Draw(Tensor alpha, double tau)
    {
        using (no_grad())
            if (!isfinite(alpha).all().item<bool>())
                throw new NumericFaultException("α is not finite, so GDAS cannot sample from it");
        for (var attempt = 0; attempt < MaxDraws; attempt++)
        {
            using var scope = NewDisposeScope();
            var gumbel = GumbelNoise(alpha);
            if (!isfinite(gumbel).all().item<bool>()) continue;
            var (weights, computed) = Sample(alpha, tau, gumbel);
            bool finite;
            using (no_grad()) finite = isfinite(weights).all().item<bool>();
            if (finite) return (weights.MoveToOuterDisposeScope(), computed);
        }
        throw new NumericFaultException($"GDAS drew {MaxDraws} Gumbel samples in a row that were not finite (τ = " +
            $"{tau.ToString(CultureInfo.InvariantCulture)})");
    }
}
