using VpDarts.SearchSpace;

namespace VpDarts.Runs;

/// <summary>One operation of one edge, written <c>[edge, op]</c> (the α-row and column indices).</summary>
/// <param name="Edge">The edge, 0..5 in α-row order.</param>
/// <param name="Op">The operation, 0..4 in <see cref="Operations.Names"/> order.</param>
[JsonConverter(typeof(EdgeOpJsonConverter))]
public readonly record struct EdgeOp(int Edge, int Op)
{
    /// <summary>What a list that is not made of such pairs is called in error messages.</summary>
    public const string ListProblem = "is not a list of [edge, op] pairs";

    /// <summary>Whether both indices name a real edge and operation.</summary>
    public bool InRange => Edge is >= 0 and < CellTopology.EdgeCount && Op is >= 0 and < Operations.Count;

    /// <inheritdoc />
    public override string ToString() => $"[{Edge}, {Op}]";
}
