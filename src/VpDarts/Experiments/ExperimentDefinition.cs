namespace VpDarts.Experiments;

/// <summary>An experiment: the paper's, <c>methods</c>, or a sweep; its variants and how its results are
/// summarised.</summary>
/// <param name="Name">Command name (<c>table1</c>, …, <c>sweep</c>).</param>
/// <param name="Title">Heading of <c>experiment.md</c>.</param>
/// <param name="Purpose">One paragraph: what the paper shows with it and how this experiment repeats it.</param>
/// <param name="Kind">How results are summarised.</param>
/// <param name="Variants">The settings searched, each once per seed.</param>
/// <param name="Grid">The grid the variants were made from, for a sweep; null for the catalogue's experiments.</param>
public sealed record ExperimentDefinition(string Name, string Title, string Purpose, ExperimentKind Kind,
    IReadOnlyList<ExperimentVariant> Variants, SweepGrid? Grid = null);
