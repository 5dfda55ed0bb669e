namespace VpDarts.SearchSpace;

/// <summary>
/// One NB201 cell: an operation per edge, in edge order 1&lt;-0, 2&lt;-0, 2&lt;-1, 3&lt;-0, 3&lt;-1, 3&lt;-2.
/// Text form: <c>|op~0|+|op~0|op~1|+|op~0|op~1|op~2|</c>.
/// </summary>
public sealed class Genotype : IEquatable<Genotype>
{
    private readonly Operation[] _ops;

    /// <summary>Creates a cell from six operations in edge order.</summary>
    public Genotype(IReadOnlyList<Operation> ops)
    {
        if (ops.Count != CellTopology.EdgeCount)
            throw new ArgumentException(
                $"a cell has {CellTopology.EdgeCount} edges, got {ops.Count} operations", nameof(ops));
        for (var edge = 0; edge < ops.Count; edge++)
        {
            if ((uint)ops[edge] >= Operations.Count)
                throw new ArgumentOutOfRangeException(nameof(ops), ops[edge],
                    $"edge {CellTopology.EdgeLabel(edge)}: not an operation");
        }
        _ops = ops.ToArray();
    }

    /// <summary>Operations in edge order.</summary>
    public IReadOnlyList<Operation> Ops => _ops;

    /// <summary>The operation on edge <paramref name="edge"/>.</summary>
    public Operation this[int edge] => _ops[edge];

    /// <summary>Number of cells in the space (5^6).</summary>
    public const int SpaceSize = 15625;

    /// <summary>The cell with index <paramref name="index"/> in 0..15624 (edge 0 most significant).</summary>
    public static Genotype FromIndex(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, SpaceSize);
        var ops = new Operation[CellTopology.EdgeCount];
        for (var e = CellTopology.EdgeCount - 1; e >= 0; e--)
        {
            ops[e] = (Operation)(index % Operations.Count);
            index /= Operations.Count;
        }
        return new Genotype(ops);
    }

    /// <summary>Index of this cell in 0..15624, inverse of <see cref="FromIndex"/>.</summary>
    public int Index => _ops.Aggregate(0, (acc, op) => acc * Operations.Count + (int)op);

    /// <summary>All 15,625 cells of the space.</summary>
    public static IEnumerable<Genotype> Enumerate() => Enumerable.Range(0, SpaceSize).Select(FromIndex);

    /// <summary>Cell with the same operation on every edge.</summary>
    public static Genotype Uniform(Operation op) => new(Enumerable.Repeat(op, CellTopology.EdgeCount).ToArray());

    /// <summary>Parses the NB201 text form; throws <see cref="FormatException"/> saying what is wrong and
    /// where.</summary>
    public static Genotype Parse(string text) =>
        TryParse(text, out var genotype, out var error) ? genotype! : throw new FormatException(error);

    /// <summary>Parses the NB201 text form; on failure <paramref name="error"/> says what is wrong and where.</summary>
    public static bool TryParse(string? text, out Genotype? genotype, out string error)
    {
        genotype = null;
        error = "";
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "arch string is empty";
            return false;
        }
        var nodes = text.Split('+');
        if (nodes.Length != CellTopology.NodeCount - 1)
        {
            error = $"arch string has {nodes.Length} node groups separated by '+', expected " +
                $"{CellTopology.NodeCount - 1}: {OneLine.Quote(text)}";
            return false;
        }
        var ops = new Operation[CellTopology.EdgeCount];
        for (var node = 1; node < CellTopology.NodeCount; node++)
        {
            var group = nodes[node - 1];
            var where = $"node {node} group {OneLine.Quote(group)}";
            if (group.Length < 2 || group[0] != '|' || group[^1] != '|')
            {
                error = $"{where} must start and end with '|'";
                return false;
            }
            var entries = group[1..^1].Split('|');
            if (entries.Length != node)
            {
                error = $"{where} has {entries.Length} input{(entries.Length == 1 ? "" : "s")}, expected {node}";
                return false;
            }
            for (var from = 0; from < node; from++)
            {
                var entry = entries[from];
                var tilde = entry.LastIndexOf('~');
                if (tilde < 0)
                {
                    error = $"{where}, input {from}: {OneLine.Quote(entry)} is not of the form op~index";
                    return false;
                }
                var name = entry[..tilde];
                if (!Operations.TryParse(name, out var op))
                {
                    error = $"{where}, input {from}: unknown operation {OneLine.Quote(name)} (expected one of " +
                        $"{string.Join(", ", Operations.Names)})";
                    return false;
                }
                if (entry[(tilde + 1)..] != from.ToString(System.Globalization.CultureInfo.InvariantCulture))
                {
                    error = $"{where}, input {from}: node index {OneLine.Quote(entry[(tilde + 1)..])} should be {from}";
                    return false;
                }
                ops[CellTopology.EdgeIndex(node, from)] = op;
            }
        }
        genotype = new Genotype(ops);
        return true;
    }

    /// <summary>The NB201 text form.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        for (var node = 1; node < CellTopology.NodeCount; node++)
        {
            if (node > 1) text.Append('+');
            text.Append('|');
            for (var from = 0; from < node; from++)
                text.Append(_ops[CellTopology.EdgeIndex(node, from)].Name()).Append('~').Append(from).Append('|');
        }
        return text.ToString();
    }

    /// <summary>How many edges carry skip_connect (the DARTS collapse symptom).</summary>
    public int SkipConnectCount => _ops.Count(op => op == Operation.SkipConnect);

    /// <inheritdoc />
    public bool Equals(Genotype? other) => other is not null && _ops.AsSpan().SequenceEqual(other._ops);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as Genotype);

    /// <inheritdoc />
    public override int GetHashCode() => Index;
}
