namespace VpDarts.Experiments;

/// <summary>How an experiment's results are summarised.</summary>
public enum ExperimentKind
{
    /// <summary>NB201 test accuracies of the found cells, mean ± std per variant (Tables 1–3).</summary>
    AccuracyTable,
    /// <summary>Kendall τ between operation rankings of a trained supernet and the benchmark (Figure 5).</summary>
    RankingAgreement,
    /// <summary>Found accuracy and search time against the validation fraction (Figure 8).</summary>
    ValidFraction,
}
