namespace VpDarts.Cli;

/// <summary>
/// The command line's arguments as the user gave them (before <see cref="CliApp.NormalizeArguments"/>), the program
/// name left out: what the runs a command starts record as their provenance's command line. Commands receive it
/// through their constructor.
/// </summary>
/// <param name="Values">The arguments in order.</param>
public sealed record GivenArguments(IReadOnlyList<string> Values);
