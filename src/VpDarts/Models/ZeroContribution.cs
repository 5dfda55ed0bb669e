using VpDarts.SearchSpace;

namespace VpDarts.Models;

/// <summary>
/// The one rule for ops that add nothing to an edge's output: <c>none</c>, or any op whose weight is exactly zero.
/// The cells leave them out of no-grad passes and the ablations reuse the unablated measurement for them.
/// </summary>
public static class ZeroContribution
{
    /// <summary>Whether <paramref name="op"/> with edge weight <paramref name="weight"/> contributes exactly
    /// nothing.</summary>
    public static bool Holds(int op, float weight) => op == (int)Operation.None || weight == 0f;
}
