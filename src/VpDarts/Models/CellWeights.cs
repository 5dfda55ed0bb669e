using VpDarts.SearchSpace;

namespace VpDarts.Models;

/// <summary>
/// The per-forward edge weights as seen by the cells: one 0-dim tensor per (edge, op) so gradients reach α, and
/// optionally their host values, which let no-grad passes skip ops whose weight is exactly zero.
/// </summary>
public sealed class CellWeights
{
    internal CellWeights(Tensor[,] scalars, float[,]? hostValues, double skipDropout)
    {
        Scalars = scalars;
        HostValues = hostValues;
        SkipDropout = skipDropout;
    }

    /// <summary>w[e, o] as 0-dim tensors.</summary>
    public Tensor[,] Scalars { get; }

    /// <summary>w[e, o] on the host when exactly-zero ops may be skipped, else null.</summary>
    public float[,]? HostValues { get; }

    /// <summary>Dropout probability after skip_connect for this pass (0 = none).</summary>
    public double SkipDropout { get; }

    /// <summary>Whether (edge, op) can be left out because it contributes exactly nothing.</summary>
    public bool Skippable(int edge, int op) =>
        op == (int)Operation.None || HostValues is not null && ZeroContribution.Holds(op, HostValues[edge, op]);
}
