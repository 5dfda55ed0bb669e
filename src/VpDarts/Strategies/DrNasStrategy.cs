using VpDarts.Models;
using VpDarts.Runs;
using VpDarts.Runtime;

namespace VpDarts.Strategies;

/// <summary>
/// DrNAS on NB201 (xiangning-chen/DrNAS, 201-space): every forward pass of the search, in weight and architecture
/// steps alike, weights each edge's ops with a fresh sample w_e ~ Dirichlet(β_e), β = elu(α) + 1, and α learns
/// through the sample's pathwise gradient. The regulariser is either L2 on α, which is Adam's weight decay
/// (<see cref="SearchConfig.EffectiveArchWeightDecay"/>), or scale · Σ_e KL(Dir(β_e) ‖ Dir(1, …, 1)) added to the
/// architecture loss. The cell is the op with the largest α on each edge.
/// </summary>
public sealed class DrNasStrategy(SearchConfig config) : ArgmaxStrategy, ISearchStrategy
{
    /// <summary>
    /// The Dirichlet concentration of each edge, β = elu(α) + 1, computed as exp(α) for α ≤ 0 and α + 1 otherwise
    /// (the same function and gradient except at α = 0 exactly; exp(α) stays positive down to α ≈ −87 in float32,
    /// where elu's exp(α) − 1 + 1 rounds to 0 below about −17, and no call makes a torch scalar nobody owns).
    /// </summary>
    public static Tensor Concentration(Tensor alpha)
    {
        using var scope = NewDisposeScope();
        // relu(α) + exp(−relu(−α)): α + 1 above zero, exp(α) below, with their gradients.
        return nn.functional.relu(alpha).add(alpha.neg().relu().neg().exp(), Scalars.One).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// One Dirichlet sample per row of <paramref name="concentration"/> (the last dimension holds the ops), drawn
    /// from <paramref name="generator"/> or, when null, torch's global generator, with the pathwise gradient.
    /// </summary>
    /// <remarks>
    /// Each x_i ~ Gamma(β_i, 1) comes from <c>torch._standard_gamma</c>, whose gradient is the implicit
    /// reparameterisation one; w = x / Σx is then Dirichlet(β) distributed and its gradient is the pathwise one.
    /// PyTorch's <c>Dirichlet.rsample</c> differentiates the Dirichlet sample directly (its own implicit gradient):
    /// the same distribution and an unbiased gradient as well, but not the same numbers for the same seed. For small β
    /// the gamma draws fall to the smallest positive normal number of their type or below, so the gammas (keeping
    /// their sum positive) and the weights are clamped below by it, as PyTorch's Dirichlet sampler clamps its weights.
    /// </remarks>
    public static Tensor Sample(Tensor concentration, Generator? generator = null)
    {
        using var scope = NewDisposeScope();
        using var tiny = finfo(concentration.dtype).tiny.ToScalar();
        var gammas = _standard_gamma(concentration, generator).clamp_min(tiny);
        var weights = gammas.div(gammas.sum(-1, keepdim: true)).clamp_min(tiny);
        return weights.MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Σ over the rows of <paramref name="concentration"/> of KL(Dir(β) ‖ Dir(1, …, 1)), in closed form:
    /// lnΓ(Σβ) − Σ lnΓ(β_i) − lnΓ(K) + Σ (β_i − 1)(ψ(β_i) − ψ(Σβ)) for K ops (lnΓ(1) = 0).
    /// </summary>
    public static Tensor KlToUniform(Tensor concentration)
    {
        using var scope = NewDisposeScope();
        var ops = concentration.shape[^1];
        var total = concentration.sum(-1);
        using var uniformNorm = LogGammaOfInteger(ops).ToScalar();  // the Dir(1, …, 1) density is Γ(K) = (K − 1)!
        var perRow = total.lgamma()
            .sub(concentration.lgamma().sum(-1))
            .sub(uniformNorm)
            .add(concentration.sub(Scalars.One).mul(concentration.digamma().sub(total.digamma().unsqueeze(-1)))
                .sum(-1), Scalars.One);
        return perRow.sum().MoveToOuterDisposeScope();
    }

    private static double LogGammaOfInteger(long n)
    {
        var sum = 0.0;
        for (var i = 2; i < n; i++) sum += Math.Log(i);
        return sum;
    }

    /// <summary>The supernet's logits with edge weights sampled from Dirichlet(elu(α) + 1) by torch's global
    /// generator.</summary>
    Tensor ISearchStrategy.TrainingLogits(Supernet net, Tensor images)
    {
        using var scope = NewDisposeScope();
        var weights = Sample(Concentration(net.Alpha));
        return net.Forward(images, weights).MoveToOuterDisposeScope();
    }

    /// <summary>scale · Σ_e KL(Dir(elu(α_e) + 1) ‖ Dir(1)) with the KL regulariser; null with L2, which is Adam's
    /// weight decay.</summary>
    Tensor? ISearchStrategy.ArchitectureRegularizer(Supernet net)
    {
        if (config.DirichletRegularizer != DirichletRegularizer.Kl) return null;
        using var scope = NewDisposeScope();
        using var scale = config.DirichletRegScale.ToScalar();
        return KlToUniform(Concentration(net.Alpha)).mul(scale).MoveToOuterDisposeScope();
    }
}
