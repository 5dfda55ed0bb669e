using VpDarts.Data;
using VpDarts.Models;
using VpDarts.Runtime;
using VpDarts.SearchSpace;
using static TorchSharp.torch;

namespace VpDarts.Importance;

/// <summary>Single no-grad ablation passes shared by the estimators.</summary>
internal static class AblationPass
{
    /// <summary>Removing the op cannot change the output: it is <c>none</c> or its weight is exactly zero.</summary>
    public static bool CannotMatter(int op, float weight) => op == (int)Operation.None || weight == 0f;

    /// <summary>A copy of <paramref name="weights"/> with (<paramref name="edge"/>, <paramref name="op"/>) set to zero.</summary>
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
