using VpDarts.SearchSpace;

namespace VpDarts.Runs;

/// <summary>
/// An edge × operation matrix as run files hold it: one row per edge, one value per operation, NaN written as null
/// and values rounded to 6 decimal places.
/// </summary>
public static class EdgeMatrix
{
    /// <summary>What a matrix of the wrong shape is called in error messages.</summary>
    public const string ShapeProblem = "is not a 6×5 matrix (6 edges × 5 operations)";

    /// <summary>The rows of a host matrix, NaN as null, rounded to 6 places.</summary>
    public static double?[][] From(float[,] values)
    {
        var rows = new double?[values.GetLength(0)][];
        for (var r = 0; r < rows.Length; r++)
        {
            rows[r] = new double?[values.GetLength(1)];
            for (var c = 0; c < rows[r].Length; c++)
                rows[r][c] = float.IsNaN(values[r, c]) ? null : Math.Round(values[r, c], 6);
        }
        return rows;
    }

    /// <summary>Whether <paramref name="rows"/> has one row per edge and one value per operation.</summary>
    public static bool HasCellShape(double?[][] rows) =>
        rows.Length == CellTopology.EdgeCount && rows.All(row => row is { Length: Operations.Count });

    /// <summary>The matrix as a 6×5 array with NaN for missing values; <paramref name="rows"/> must have the cell's
    /// shape.</summary>
    public static double[,] ToArray(double?[][] rows)
    {
        var matrix = new double[CellTopology.EdgeCount, Operations.Count];
        for (var e = 0; e < CellTopology.EdgeCount; e++)
            for (var o = 0; o < Operations.Count; o++)
                matrix[e, o] = rows[e][o] ?? double.NaN;
        return matrix;
    }
}
