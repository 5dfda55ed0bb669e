using VpDarts.SearchSpace;

namespace VpDarts.Runs;

/// <summary>
/// What a search strategy keeps across a resume: the op mask of the pruning methods (<c>alive</c>, false for ops
/// removed for good) and the cell VP-DARTS kept last. A method that keeps nothing writes an empty object.
/// </summary>
public sealed record StrategyState : ICheckedRecord
{
    /// <summary>Per edge, per op: still in the supernet.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool[][]? Alive { get; init; }

    /// <summary>The arch string of the ops kept at the last epoch start.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? LastKept { get; init; }

    /// <summary>VP-DARTS: the importance scores of its pruning epochs summed per (edge, op); null entries are −∞ (not a
    /// candidate).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double?[][]? ScoreSum { get; init; }

    /// <summary>A state holding <paramref name="alive"/> (edges × ops).</summary>
    public static StrategyState WithMask(bool[,] alive) => new()
    {
        Alive = Enumerable.Range(0, alive.GetLength(0))
            .Select(e => Enumerable.Range(0, alive.GetLength(1)).Select(o => alive[e, o]).ToArray()).ToArray(),
    };

    /// <summary>The op mask as edges × ops; every op is alive when the state records no mask.</summary>
    public bool[,] OpMask()
    {
        if (Problem() is { } problem) throw new InvalidOperationException(problem);
        var mask = new bool[CellTopology.EdgeCount, Operations.Count];
        for (var e = 0; e < CellTopology.EdgeCount; e++)
            for (var o = 0; o < Operations.Count; o++)
                mask[e, o] = Alive?[e][o] ?? true;
        return mask;
    }

    /// <inheritdoc />
    public string? Problem() =>
        Alive is not null
            && !(Alive.Length == CellTopology.EdgeCount && Alive.All(row => row is { Length: Operations.Count }))
            ? $"'{RunJson.Key(nameof(Alive))}' is not a 6×5 op mask (6 edges × 5 operations)"
            : RunJson.MatrixProblem(nameof(ScoreSum), ScoreSum);
}
