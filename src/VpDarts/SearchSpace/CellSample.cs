namespace VpDarts.SearchSpace;

/// <summary>Seeded samples of distinct cells of the NB201 space.</summary>
public static class CellSample
{
    /// <summary>
    /// <paramref name="count"/> distinct cells drawn uniformly without replacement with <paramref name="seed"/>
    /// (a partial Fisher–Yates shuffle of the space's indices with <see cref="Random"/>); the same seed gives the same
    /// cells in the same order, and a larger count extends a smaller one's list.
    /// </summary>
    public static IReadOnlyList<Genotype> Draw(int count, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, Genotype.SpaceSize);
        var random = new Random(seed);
        var indices = Enumerable.Range(0, Genotype.SpaceSize).ToArray();
        var cells = new List<Genotype>(count);
        for (var i = 0; i < count; i++)
        {
            var j = random.Next(i, indices.Length);
            (indices[i], indices[j]) = (indices[j], indices[i]);
            cells.Add(Genotype.FromIndex(indices[i]));
        }
        return cells;
    }
}
