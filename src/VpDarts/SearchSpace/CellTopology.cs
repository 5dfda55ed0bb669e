namespace VpDarts.SearchSpace;

/// <summary>The cell's DAG: 4 nodes, 6 edges in NB201 order 1&lt;-0, 2&lt;-0, 2&lt;-1, 3&lt;-0, 3&lt;-1,
/// 3&lt;-2.</summary>
public static class CellTopology
{
    /// <summary>Number of nodes including the input node 0.</summary>
    public const int NodeCount = 4;

    /// <summary>Number of edges.</summary>
    public const int EdgeCount = 6;

    /// <summary>(to, from) of each edge in α-row order.</summary>
    public static readonly IReadOnlyList<(int To, int From)> Edges = [(1, 0), (2, 0), (2, 1), (3, 0), (3, 1), (3, 2)];

    /// <summary>Index of the edge into <paramref name="to"/> from <paramref name="from"/>.</summary>
    public static int EdgeIndex(int to, int from) => to * (to - 1) / 2 + from;

    /// <summary>An edges × ops matrix with <paramref name="value"/> for every op of every edge (for instance every op
    /// alive).</summary>
    public static bool[,] EveryOp(bool value)
    {
        var matrix = new bool[EdgeCount, Operations.Count];
        for (var e = 0; e < EdgeCount; e++)
            for (var o = 0; o < Operations.Count; o++)
                matrix[e, o] = value;
        return matrix;
    }

    /// <summary>A readable label such as <c>2&lt;-1</c>.</summary>
    public static string EdgeLabel(int edge) => $"{Edges[edge].To}<-{Edges[edge].From}";
}
