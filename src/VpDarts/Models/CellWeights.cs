using VpDarts.SearchSpace;

namespace VpDarts.Models;

/// <summary>
/// The per-forward edge weights as seen by the cells: one 0-dim tensor per (edge, op) so gradients reach α, and
/// optionally their host values, which let no-grad passes skip ops whose weight is exactly zero.
/// </summary>
public sealed class CellWeights
{
    internal CellWeights(Tensor[,] scalars, float[,]? hostValues, double skipDropout, bool[,]? computed = null)
    {
        Scalars = scalars;
        HostValues = hostValues;
        SkipDropout = skipDropout;
        Computed = computed;
    }

    /// <summary>w[e, o] as 0-dim tensors.</summary>
    public Tensor[,] Scalars { get; }

    /// <summary>w[e, o] on the host when exactly-zero ops may be skipped, else null.</summary>
    public float[,]? HostValues { get; }

    /// <summary>Dropout probability after skip_connect for this pass (0 = none).</summary>
    public double SkipDropout { get; }

    /// <summary>
    /// The ops whose output is computed, when only some are (GDAS's sampled op per edge); the others add their weight
    /// itself to the node, a zero that still carries the straight-through gradient, as NB201's <c>forward_gdas</c>
    /// does. Null: every op is computed.
    /// </summary>
    public bool[,]? Computed { get; }

    /// <summary>Whether (edge, op) adds its weight instead of its weighted output (see
    /// <see cref="Computed"/>).</summary>
    public bool AddsWeightOnly(int edge, int op) => Computed is not null && !Computed[edge, op];

    /// <summary>Whether (edge, op)'s output is not computed: it contributes exactly nothing, or only its
    /// weight.</summary>
    public bool Skippable(int edge, int op) =>
        op == (int)Operation.None || AddsWeightOnly(edge, op)
            || HostValues is not null && ZeroContribution.Holds(op, HostValues[edge, op]);
}
