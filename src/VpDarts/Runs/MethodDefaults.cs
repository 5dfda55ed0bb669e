namespace VpDarts.Runs;

/// <summary>
/// The settings each search method is run with by its authors when a config leaves them unset (null), with their
/// sources. NB201 = AutoDL-Projects: configs/nas-benchmark/algos/DARTS.config and GDAS.config, and
/// scripts-search/NAS-Bench-201-algos/{DARTS-V1,DARTS-V2,GDAS}.sh with exps/NAS-Bench-201-algos/*.py; DrNAS =
/// xiangning-chen/DrNAS 201-space/train_search.py. VP-DARTS and the pruning baselines keep this toolkit's first
/// settings (the paper gives no weight decay; 3e-4 is DARTS's CIFAR value).
/// </summary>
public static class MethodDefaults
{
    /// <summary>Whether <paramref name="method"/> starts with warm-up epochs (α frozen); the gradient methods do not.</summary>
    public static bool WarmsUp(SearchMethod method) => method is SearchMethod.VpDarts or SearchMethod.HardPrune or SearchMethod.ProgressivePrune;

    /// <summary>Whether <paramref name="method"/> is one of the published gradient baselines run as their authors run them.</summary>
    public static bool IsGradientBaseline(SearchMethod method) => !WarmsUp(method);

    /// <summary>SGD weight decay: NB201's <c>decay 0.0005</c> for DARTS-V1/V2 and GDAS, DrNAS's <c>--weight_decay 3e-4</c>, 3e-4 otherwise.</summary>
    public static double WeightDecay(SearchMethod method) =>
        method is SearchMethod.Darts or SearchMethod.DartsV2 or SearchMethod.Gdas ? 5e-4 : 3e-4;

    /// <summary>Nesterov momentum: NB201's configs say <c>nesterov 1</c>; DrNAS and VP-DARTS use plain momentum.</summary>
    public static bool Nesterov(SearchMethod method) => method is SearchMethod.Darts or SearchMethod.DartsV2 or SearchMethod.Gdas;

    /// <summary>
    /// Update order within a step: NB201's DARTS-V1 and GDAS update the weights first; DARTS-V2 (the unrolled step
    /// needs the weights before their update), DrNAS and VP-DARTS update α first.
    /// </summary>
    public static StepOrder StepOrder(SearchMethod method) =>
        method is SearchMethod.Darts or SearchMethod.Gdas ? Runs.StepOrder.WeightsFirst : Runs.StepOrder.ArchFirst;

    /// <summary>Dropout after skip_connect: 0.2 for the pruning methods (VP-DARTS's setting), none for the gradient baselines.</summary>
    public static double SkipDropout(SearchMethod method) => WarmsUp(method) ? 0.2 : 0.0;

    /// <summary>
    /// Whether the weight step's gradient-norm clip counts α's gradient too: the baselines' code clips
    /// <c>network.parameters()</c>, α included, after the weight step's backward (which also reaches α).
    /// </summary>
    public static bool ClipIncludesAlpha(SearchMethod method) => IsGradientBaseline(method);
}
