using VpDarts.Benchmark;

namespace VpDarts.Cli.Commands;

/// <summary>Settings of commands that read the NB201 accuracy table.</summary>
public class TableSettings : CommandSettings
{
    /// <summary>The table file given with <c>--table</c>, if any.</summary>
    [CommandOption("-t|--table <FILE>")]
    [Description("NB201 accuracy CSV with columns arch,cifar10_test,cifar100_test,imagenet16_120_test. " +
                 "Required unless the environment variable " + TableLocation.Variable + " names the file")]
    public string? Table { get; set; }

    /// <summary>Whether to print JSON for scripts instead of text.</summary>
    [CommandOption("--json")]
    [Description("Print JSON for scripts (one object per line, snake_case keys) instead of text")]
    public bool Json { get; set; }

    /// <summary>The table file: <c>--table</c>, else <c>$VPDARTS_NB201_TABLE</c>.</summary>
    public string? TablePath => TableLocation.Resolve(Table);

    /// <inheritdoc />
    public override ValidationResult Validate() =>
        TablePath is null
            ? ValidationResult.Error(TableLocation.Missing)
            : ValidationResult.Success();

    /// <summary>Loads the table named by <see cref="TablePath"/>.</summary>
    public Nb201Table LoadTable() =>
        Nb201Table.Load(TablePath ?? throw new UserInputException(TableLocation.Missing));
}
