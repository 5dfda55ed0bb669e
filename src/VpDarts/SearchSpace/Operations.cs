namespace VpDarts.SearchSpace;

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
