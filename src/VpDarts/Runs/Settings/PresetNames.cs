namespace VpDarts.Runs;

/// <summary>
/// The preset names every command takes (<c>search</c>, <c>demo</c>, <c>train</c>, <c>experiment</c>,
/// <c>--train-preset</c>): <c>paper</c>, <c>cpu</c>, <c>demo</c> and <c>tiny</c>. <see cref="SearchPresets"/> and
/// <see cref="TrainPresets"/> define each of them, so a name one command takes is never unknown to another.
/// </summary>
public static class PresetNames
{
    /// <summary>The published protocol (hours on a GPU).</summary>
    public const string Paper = "paper";
    /// <summary>A reduced protocol for two CPU cores.</summary>
    public const string Cpu = "cpu";
    /// <summary>Minutes on the embedded Fashion-MNIST sample.</summary>
    public const string Demo = "demo";
    /// <summary>Seconds on the embedded sample, for tests, not for results.</summary>
    public const string Tiny = "tiny";

    /// <summary>Every preset name, in the order help lists them.</summary>
    public static readonly IReadOnlyList<string> All = [Paper, Cpu, Demo, Tiny];

    /// <summary>The error for <paramref name="name"/> given to <paramref name="option"/> (any case), or null when it
    /// names a preset or is null.</summary>
    public static string? Problem(string option, string? name) =>
        name is null || All.Contains(name, StringComparer.OrdinalIgnoreCase) ? null : Unknown(option, name);

    /// <summary>The error for an unknown name given to <paramref name="option"/>.</summary>
    public static string Unknown(string option, string name)
        => $"{option}: unknown preset '{name}' (expected {string.Join(", ", All)})";
}
