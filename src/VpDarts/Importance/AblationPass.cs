using VpDarts.Data;
using VpDarts.Models;
using VpDarts.Runtime;

namespace VpDarts.Importance;

/// <summary>Single no-grad ablation passes shared by the estimators.</summary>
internal static class AblationPass
{
    /// <summary>
    /// Removing the op cannot change the measurement, so the unablated one stands in for it: the op contributes
    /// nothing (<see cref="ZeroContribution"/>) and a repeated measurement gives the same value
    /// (<paramref name="repeatable"/>: no dropout, the same subset for every op).
    /// </summary>
    public static bool CannotMatter(int op, float weight, bool repeatable)
        => repeatable && ZeroContribution.Holds(op, weight);

    /// <summary>A copy of <paramref name="weights"/> with (<paramref name="edge"/>, <paramref name="op"/>) set to
    /// zero.</summary>
    public static Tensor WithoutOp(Tensor weights, int edge, int op)
    {
        var ablated = weights.clone();
        using var entry = ablated[edge, op];
        entry.fill_(Scalars.Zero);
        return ablated;
    }

    /// <summary>Per-image correctness of the supernet under <paramref name="weights"/>, dropout off.</summary>
    public static bool[] Correct(Supernet net, Tensor weights, Batch batch)
    {
        using var scope = NewDisposeScope();
        var logits = net.Forward(batch.Images, weights, dropout: false);
        using var hits = logits.argmax(1).eq(batch.Labels).cpu();
        return hits.data<bool>().ToArray();
    }
}
