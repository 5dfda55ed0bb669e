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

    /// <summary>The importance criteria's options: racing's confidence and batches, screening's short list.</summary>
    public override void CheckOptions(SearchConfig config)
    {
        Require(config.RaceConfidence is > 0 and <= 1,
            $"--race-confidence: must be in (0, 1], got {config.RaceConfidence}");
        Require(config.RaceMinBatches >= 1, $"--race-min-batches: must be at least 1, got {config.RaceMinBatches}");
        Require(config.ScreenKeep is >= 1 and <= 5, $"--screen-keep: must be 1 to 5, got {config.ScreenKeep}");
        Require(
            config.Importance is not (ImportanceCriterion.ValidAccuracyRacing
                or ImportanceCriterion.ValidAccuracyScreening)
            || !config.ResampleSubsetPerOp && !config.AblationDropout,
            $"--importance {OptionNames.Name(config.Importance)} pairs every pass on one subset without dropout; " +
            "drop --resample-per-op and --ablation-dropout");
    }

    /// <summary>
    /// Throws a <see cref="UserInputException"/> with <paramref name="message"/> unless <paramref name="ok"/>.
    /// </summary>
    protected static void Require(bool ok, string message)
    {
        if (!ok) throw new UserInputException(message);
    }

    /// <summary>The options of the methods that ablate a fresh subset of search-valid in their pruning
    /// epochs.</summary>
    protected static IReadOnlyList<string> SubsetOptions =>
        [nameof(SearchConfig.ValidFraction), nameof(SearchConfig.ResampleSubsetPerOp)];

    private static string? Unless(SearchConfig config, ImportanceCriterion criterion) =>
        config.Importance == criterion ? null : $"--importance {OptionNames.Name(criterion)}";
}
