namespace VpDarts.SearchSpace;

/// <summary>The five candidate operations of an NB201 edge, in α-column order.</summary>
public enum Operation
{
    /// <summary>Zero: the edge contributes nothing.</summary>
    None = 0,
    /// <summary>Identity (optionally followed by dropout in the supernet).</summary>
    SkipConnect = 1,
    /// <summary>ReLU → 1×1 conv → BN.</summary>
    Conv1x1 = 2,
    /// <summary>ReLU → 3×3 conv → BN.</summary>
    Conv3x3 = 3,
    /// <summary>3×3 average pooling, stride 1, padding not counted.</summary>
    AvgPool3x3 = 4,
}

/// <summary>Names and lookups for <see cref="Operation"/>, using NB201's spellings.</summary>
public static class Operations
{
    /// <summary>All operations in α-column order.</summary>
    public static readonly IReadOnlyList<Operation> All =
        [Operation.None, Operation.SkipConnect, Operation.Conv1x1, Operation.Conv3x3, Operation.AvgPool3x3];

    /// <summary>NB201 names in α-column order.</summary>
    public static readonly IReadOnlyList<string> Names =
        ["none", "skip_connect", "nor_conv_1x1", "nor_conv_3x3", "avg_pool_3x3"];

    /// <summary>Number of candidate operations per edge.</summary>
    public const int Count = 5;

    /// <summary>The NB201 name of an operation.</summary>
    public static string Name(this Operation op) => Names[(int)op];

    /// <summary>Parses an NB201 operation name; returns false for anything else.</summary>
    public static bool TryParse(string name, out Operation op)
    {
        for (var i = 0; i < Names.Count; i++)
        {
            if (Names[i] != name) continue;
            op = (Operation)i;
            return true;
        }
        op = Operation.None;
        return false;
    }
}

/// <summary>The cell's DAG: 4 nodes, 6 edges in NB201 order 1&lt;-0, 2&lt;-0, 2&lt;-1, 3&lt;-0, 3&lt;-1, 3&lt;-2.</summary>
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

    /// <summary>A readable label such as <c>2&lt;-1</c>.</summary>
    public static string EdgeLabel(int edge) => $"{Edges[edge].To}<-{Edges[edge].From}";
}
