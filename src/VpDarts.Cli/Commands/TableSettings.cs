using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;
using VpDarts.Benchmark;

namespace VpDarts.Cli.Commands;

/// <summary>Settings of commands that read the NB201 accuracy table.</summary>
public class TableSettings : CommandSettings
{
    /// <summary>Environment variable naming the table when <c>--table</c> is not given.</summary>
    public const string TableVariable = "VPDARTS_NB201_TABLE";

    /// <summary>The table file given with <c>--table</c>, if any.</summary>
    [CommandOption("-t|--table <FILE>")]
    [Description("NB201 accuracy CSV with columns arch,cifar10_test,cifar100_test,imagenet16_120_test. " +
                 "Required unless the environment variable " + TableVariable + " names the file")]
    public string? Table { get; set; }

    /// <summary>The table file: <c>--table</c>, else <c>$VPDARTS_NB201_TABLE</c>.</summary>
    public string? TablePath =>
        !string.IsNullOrWhiteSpace(Table) ? Table : NullIfBlank(Environment.GetEnvironmentVariable(TableVariable));

    /// <inheritdoc />
    public override ValidationResult Validate() =>
        TablePath is null
            ? ValidationResult.Error($"--table: no NB201 table given; pass --table FILE or set {TableVariable}")
            : ValidationResult.Success();

    /// <summary>Loads the table named by <see cref="TablePath"/>.</summary>
    public Nb201Table LoadTable() =>
        Nb201Table.Load(TablePath ?? throw new UserInputException($"--table: no NB201 table given; pass --table FILE or set {TableVariable}"));

    private static string? NullIfBlank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;
}
