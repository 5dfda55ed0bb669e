using VpDarts.Runs;

namespace VpDarts.Experiments;

/// <summary>One setting of an experiment, searched once per seed.</summary>
/// <param name="Name">Short name, used in run folder names (<c>&lt;name&gt;-s&lt;seed&gt;</c>).</param>
/// <param name="Label">Row label in tables and figures.</param>
/// <param name="Apply">Turns the experiment's base settings into this variant's settings.</param>
/// <param name="PaperResult">What the paper reports for this row (CIFAR-10 test accuracy, %), for comparison; null when
/// none.</param>
public sealed record ExperimentVariant(string Name, string Label, Func<SearchConfig, SearchConfig> Apply,
    string? PaperResult = null);
