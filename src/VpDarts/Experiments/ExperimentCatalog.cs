using VpDarts.Methods;
using VpDarts.Runs;

namespace VpDarts.Experiments;

/// <summary>The paper's experiments (<c>table1</c>, <c>table2</c>, <c>table3</c>, <c>fig5</c>, <c>fig8</c>) and
/// <c>methods</c>, every search method side by side.</summary>
public static class ExperimentCatalog
{
    /// <summary>The validation fractions of Figure 8.</summary>
    public static readonly IReadOnlyList<double> ValidFractions = [0.1, 0.25, 0.5, 0.75, 1.0];

    private static SearchConfig VpFixed(SearchConfig c) =>
        c with
        {
            Method = SearchMethod.Get<VpDartsMethod>(), K = KMode.Fixed, Importance = ImportanceCriterion.ValidAccuracy
        };

    private static SearchConfig HardPrune(SearchConfig c) =>
        c with { Method = SearchMethod.Get<HardPruneMethod>(), Importance = ImportanceCriterion.ValidAccuracy };

    private static string HardPruneName => SearchMethod.Get<HardPruneMethod>().Name;

    private static string ProgressivePruneName => SearchMethod.Get<ProgressivePruneMethod>().Name;

    /// <summary>Every method with a published NAS-Bench-201 result, as that result was found.</summary>
    private static IEnumerable<MethodModule> Published => MethodModule.Modules.Where(m => m.Published is not null);

    private static readonly ExperimentDefinition[] All =
    [
        new("table1", "Table 1: VP-DARTS on NAS-Bench-201",
            "The paper's Table 1 compares VP-DARTS with a fixed and an adjustable pruning strength K " +
            "against first-order DARTS, by the NB201 accuracy of the cells found on CIFAR-10 (5 seeds, 50 epochs " +
            "at N=5, C=16).",
            ExperimentKind.AccuracyTable,
            [
                new("vp-fixed", "VP-DARTS (fixed K)", VpFixed, "94.15 ± 0.07"),
                new("vp-adjustable", "VP-DARTS (adjustable K)",
                    SearchMethod.Get<VpDartsMethod>().Configure, "94.36 ± 0.00"),
                new(SearchMethod.Get<DartsMethod>().Name, "DARTS (1st order)",
                    SearchMethod.Get<DartsMethod>().Configure, "54.30 ± 0.00"),
            ]),
        new("table2", "Table 2: hard pruning vs soft pruning",
            "The paper's Table 2 (ablation, Section 5.1) trains the same supernet with the same warm-up, " +
            "skip dropout and validation-accuracy importance, and changes only how unimportant operations are " +
            "removed: all at the end (hard pruning), in three stages of 5, 3 and 2 operations per edge (progressive " +
            "hard pruning, P-DARTS), or softly in every epoch (VP-DARTS, fixed K).",
            ExperimentKind.AccuracyTable,
            [
                new(HardPruneName, "Hard pruning", HardPrune, "91.41 ± 2.24"),
                new(ProgressivePruneName, "Progressive hard pruning",
                    c => c with
                    {
                        Method = SearchMethod.Get<ProgressivePruneMethod>(),
                        Importance = ImportanceCriterion.ValidAccuracy
                    },
                    "93.11 ± 0.10"),
                new("soft-fixed", "Soft pruning (VP-DARTS, fixed K)", VpFixed, "94.15 ± 0.07"),
            ]),
        new("table3", "Table 3: importance by α magnitude vs by validation accuracy",
            "The paper's Table 3 (ablation, Section 5.2) runs VP-DARTS with a fixed K and changes only how " +
            "the importance of an operation is judged: by the magnitude of its architecture weight α, or by the " +
            "supernet's validation accuracy with the operation removed.",
            ExperimentKind.AccuracyTable,
            [
                new(OptionNames.Name(ImportanceCriterion.Alpha), "α magnitude",
                    c => VpFixed(c) with { Importance = ImportanceCriterion.Alpha }, "88.86 ± 1.49"),
                new(OptionNames.Name(ImportanceCriterion.ValidAccuracy), "Validation accuracy",
                    VpFixed, "94.15 ± 0.07"),
            ]),
        new("methods", "Search methods on one footing",
            "Every method of the toolkit with a published NAS-Bench-201 result, on the same preset, data, seeds and " +
            "machine: VP-DARTS (adjustable K) against the baselines as their authors run them on NAS-Bench-201 " +
            "(docs/METHODS.md). The published column is CIFAR-10 test accuracy at full scale: " +
            string.Join("; ", Published.GroupBy(m => m.Published!.Source)
                .Select(g => $"{string.Join(", ", g.Select(m => m.Published!.Label))} from {g.Key}")) + ".",
            ExperimentKind.AccuracyTable,
            Published.Select(m =>
                new ExperimentVariant(m.Published!.Variant, m.Published.Label, m.Configure, m.Published.Accuracy))
                .ToArray()),
        new("fig5", "Figure 5: Kendall τ of operation rankings against NAS-Bench-201",
            "The paper's Figure 5 (Section 3.3) asks how well two readings of a trained supernet rank the " +
            "five operations of each edge against the benchmark's own ranking: the magnitude of α (τ = −0.2 in the " +
            "paper) and the validation accuracy with the operation removed (τ = 0.6).",
            ExperimentKind.RankingAgreement,
            [
                new(HardPruneName, $"Supernet trained without pruning ({HardPruneName})", HardPrune),
            ]),
        new("fig8", "Figure 8: validation-subset proportion",
            "The paper's Figure 8 (ablation, Section 5.3) runs VP-DARTS with a fixed K and draws 10%, " +
            "25%, 50%, 75% or 100% of the search-valid split for each epoch's ablation: smaller subsets are cheaper " +
            "but noisier; the paper keeps 50% as the balance.",
            ExperimentKind.ValidFraction,
            ValidFractions.Select(f => new ExperimentVariant(
                "valid-" + f.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture),
                $"{f * 100:0.#}% of search-valid",
                c => VpFixed(c) with { ValidFraction = f })).ToArray()),
    ];

    /// <summary>The experiment names.</summary>
    public static IReadOnlyList<string> Names { get; } = All.Select(d => d.Name).ToArray();

    /// <summary>The experiment called <paramref name="name"/>.</summary>
    /// <exception cref="UserInputException">No experiment has that name.</exception>
    public static ExperimentDefinition Get(string name) =>
        All.FirstOrDefault(d => string.Equals(d.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new UserInputException($"unknown experiment '{name}' (expected {string.Join(", ", Names)})");
}
