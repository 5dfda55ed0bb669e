using VpDarts.Runs;

namespace VpDarts.Cli.Commands;

/// <summary>
/// Refuses a <c>search</c> option given on the command line that the chosen method or importance criterion never
/// reads (<c>--k fixed --method darts</c> → <c>--k: only used with --method vp-darts</c>), so a setting is never
/// silently ignored. Settings from a preset or a config file are not checked: a file may hold every key.
/// </summary>
public static class MethodOptionCheck
{
    private const string PruningMethods = "--method vp-darts, hard-prune or progressive-prune";

    /// <summary>Throws a one-line <see cref="UserInputException"/> for the first given option that <paramref name="config"/> ignores.</summary>
    public static void Refuse(SearchSettings given, SearchConfig config)
    {
        ArgumentNullException.ThrowIfNull(given);
        ArgumentNullException.ThrowIfNull(config);
        var method = config.Method;
        var vpDarts = method == SearchMethod.VpDarts;
        var prunes = MethodDefaults.WarmsUp(method);  // the pruning methods: warm-up, then ablation
        var ablatesSubsets = method is SearchMethod.VpDarts or SearchMethod.ProgressivePrune;  // hard-prune ablates once, on all of search-valid
        var exactAblation = config.Importance is ImportanceCriterion.ValidAccuracy or ImportanceCriterion.ValidLoss;

        Require(given.K is null || vpDarts, "--k", "--method vp-darts");
        Require(given.Decay is null || vpDarts && config.K == KMode.Adjustable, "--decay", "--method vp-darts and --k adjustable");
        Require(given.FinalChoice is null || vpDarts, "--final-choice", "--method vp-darts");
        Require(given.Warmup is null || prunes, "--warmup", PruningMethods);
        Require(given.Importance is null || prunes, "--importance", PruningMethods);
        Require(given.EvalBatchSize is null || prunes, "--eval-batch-size", PruningMethods);  // only ablation passes use it
        Require(given.ValidFraction is null || ablatesSubsets, "--valid-fraction", "--method vp-darts or progressive-prune");
        RequireCriterion(given.RaceConfidence is not null, "--race-confidence", ImportanceCriterion.ValidAccuracyRacing);
        RequireCriterion(given.RaceMinBatches is not null, "--race-min-batches", ImportanceCriterion.ValidAccuracyRacing);
        RequireCriterion(given.ScreenKeep is not null, "--screen-keep", ImportanceCriterion.ValidAccuracyScreening);
        Require(given.ResamplePerOp is null || ablatesSubsets, "--resample-per-op", "--method vp-darts or progressive-prune");
        Require(given.ResamplePerOp is null || exactAblation, "--resample-per-op", "--importance valid-accuracy or valid-loss");
        Require(given.AblationDropout is null || prunes, "--ablation-dropout", PruningMethods);
        Require(given.AblationDropout is null || exactAblation, "--ablation-dropout", "--importance valid-accuracy or valid-loss");
        Require(given.TauMax is null || method == SearchMethod.Gdas, "--tau-max", "--method gdas");
        Require(given.TauMin is null || method == SearchMethod.Gdas, "--tau-min", "--method gdas");
        Require(given.DirichletRegularizer is null || method == SearchMethod.DrNas, "--dirichlet-regularizer", "--method drnas");
        Require(given.DirichletRegScale is null || method == SearchMethod.DrNas, "--dirichlet-reg-scale", "--method drnas");
        if (given.ArchWeightDecay is not null && method == SearchMethod.DrNas)
            throw new UserInputException("--arch-weight-decay: not used with --method drnas (its --dirichlet-regularizer takes the place of α's weight decay)");

        void RequireCriterion(bool isGiven, string option, ImportanceCriterion criterion)
        {
            Require(!isGiven || prunes, option, PruningMethods);
            Require(!isGiven || config.Importance == criterion, option, $"--importance {OptionNames.Name(criterion)}");
        }
    }

    private static void Require(bool used, string option, string usedWith)
    {
        if (!used) throw new UserInputException($"{option}: only used with {usedWith}");
    }
}
