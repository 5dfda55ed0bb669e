using VpDarts.Experiments;

namespace VpDarts.Cli.Commands;

/// <summary>Options of <c>vpdarts experiment sweep</c>: the common experiment options and the grid.</summary>
public sealed class SweepSettings : ExperimentSettings
{
    /// <summary>The <c>--grid</c> arguments, one per swept key.</summary>
    [CommandOption("--grid <KEY=V1,V2>")]
    [Description("A config.json key (or its option spelling, weight-lr) and the values it takes; repeat for more " +
        "keys. The variants are every combination; the grid wins over --preset, --config and the options")]
    public string[] Grid { get; set; } = [];

    /// <summary>The grid read from <see cref="Grid"/>.</summary>
    /// <exception cref="UserInputException">A <c>--grid</c> argument is malformed.</exception>
    public SweepGrid ParseGrid() => SweepGrid.Parse(Grid);

    /// <inheritdoc />
    public override ValidationResult Validate()
    {
        var common = base.Validate();
        if (!common.Successful) return common;
        try { ParseGrid(); }
        catch (UserInputException e) { return ValidationResult.Error(e.Message); }
        return ValidationResult.Success();
    }
}
