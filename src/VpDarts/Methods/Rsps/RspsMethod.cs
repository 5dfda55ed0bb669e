using VpDarts.Runs;
using VpDarts.Strategies;

namespace VpDarts.Methods.Rsps;

/// <summary>
/// Random search with parameter sharing (RSPS; Li &amp; Talwalkar, UAI 2019), the baseline every NAS-Bench-201 table
/// reports, as NAS-Bench-201 runs it (AutoDL-Projects: RANDOM-NAS.sh, configs/nas-benchmark/algos/RANDOM.config):
/// every weight step trains the supernet on one cell drawn uniformly (one op per edge), α is never used, and the
/// final cell is the best of <see cref="Candidates"/> drawn cells by their accuracy with the shared weights.
/// </summary>
public sealed class RspsMethod() : Nb201Baseline(
    "rsps",
    "random search with parameter sharing: one uniformly drawn cell per step, the best of 100 drawn cells at the end",
    70)
{
    /// <summary>Cells the final choice draws and measures: NAS-Bench-201's <c>--select_num 100</c>.</summary>
    public const int Candidates = 100;

    /// <summary>No architecture step, so the order does not matter; NAS-Bench-201's loop has only the weight
    /// step.</summary>
    public override StepOrder StepOrder => StepOrder.WeightsFirst;

    /// <summary>The final choice measures the drawn cells in batches of <c>eval_batch_size</c>.</summary>
    public override IReadOnlyList<string> Options => [nameof(SearchConfig.EvalBatchSize)];

    /// <inheritdoc />
    public override int FinalSelectionCells => Candidates;

    /// <inheritdoc />
    public override ISearchStrategy NewStrategy(SearchConfig config) => new RspsStrategy(config.Seed, Candidates);

    /// <inheritdoc />
    public override PublishedResult Published => new(Name, "RSPS", "87.66 ± 1.69", Nb201Paper);
}
