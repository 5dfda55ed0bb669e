namespace VpDarts.Cli.Commands;

/// <summary>
/// Where every command that reads the NB201 accuracy table finds it: <c>--table</c>, else the table the command
/// already has (its folder's copy, its settings' table), else <c>$VPDARTS_NB201_TABLE</c>.
/// </summary>
public static class TableLocation
{
    /// <summary>Environment variable naming the table when <c>--table</c> is not given.</summary>
    public const string Variable = "VPDARTS_NB201_TABLE";

    /// <summary>The error of a command that needs a table and has none.</summary>
    public const string Missing = "--table: no NB201 table given; pass --table FILE or set " + Variable;

    /// <summary>
    /// <paramref name="given"/> (<c>--table</c>) if it was given (an empty one is refused by
    /// <see cref="EmptyPathCheck"/>), else the first of <paramref name="own"/> (the command's own table, if it has one)
    /// and <c>$VPDARTS_NB201_TABLE</c> that is not blank; null when none is.
    /// </summary>
    public static string? Resolve(string? given, string? own = null) =>
        given ?? new[] { own, Environment.GetEnvironmentVariable(Variable) }
            .FirstOrDefault(path => !string.IsNullOrWhiteSpace(path));
}
