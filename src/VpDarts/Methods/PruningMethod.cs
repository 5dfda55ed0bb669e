using VpDarts.Runs;

namespace VpDarts.Methods;

/// <summary>
/// What VP-DARTS and the hard-pruning baselines share as settings: warm-up epochs with α frozen, skip dropout 0.2,
/// plain momentum, the architecture step first, and an importance criterion with its options.
/// </summary>
public abstract class PruningMethod(string name, string summary, int listOrder) : MethodModule(name, summary, listOrder)
{
    /// <inheritdoc />
    public override bool WarmsUp => true;

    /// <inheritdoc />
    public override double SkipDropout => 0.2;

    /// <inheritdoc />
    public override bool FinalSelectionAblates => true;

    /// <inheritdoc />
    public override IReadOnlyList<string> Options =>
    [
        nameof(SearchConfig.Warmup), nameof(SearchConfig.Importance), nameof(SearchConfig.EvalBatchSize),
        nameof(SearchConfig.RaceConfidence), nameof(SearchConfig.RaceMinBatches), nameof(SearchConfig.ScreenKeep),
        nameof(SearchConfig.AblationDropout),
    ];

    /// <inheritdoc />
    public override string? UnusedBecause(string option, SearchConfig config) => option switch
    {
        nameof(SearchConfig.RaceConfidence) or nameof(SearchConfig.RaceMinBatches)
            => Unless(config, ImportanceCriterion.ValidAccuracyRacing),
        nameof(SearchConfig.ScreenKeep) => Unless(config, ImportanceCriterion.ValidAccuracyScreening),
        nameof(SearchConfig.ResampleSubsetPerOp) or nameof(SearchConfig.AblationDropout)
            => config.Importance is ImportanceCriterion.ValidAccuracy or ImportanceCriterion.ValidLoss
                ? null
                : $"--importance {OptionNames.Name(ImportanceCriterion.ValidAccuracy)} or " +
                    $"{OptionNames.Name(ImportanceCriterion.ValidLoss)}",
        _ => null,
    };

    /// <summary>The options of the methods that ablate a fresh subset of search-valid in their pruning
    /// epochs.</summary>
    protected static IReadOnlyList<string> SubsetOptions =>
        [nameof(SearchConfig.ValidFraction), nameof(SearchConfig.ResampleSubsetPerOp)];

    private static string? Unless(SearchConfig config, ImportanceCriterion criterion) =>
        config.Importance == criterion ? null : $"--importance {OptionNames.Name(criterion)}";
}
