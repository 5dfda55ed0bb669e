namespace VpDarts.Reporting;

/// <summary>
/// Spearman ρ against NB201 CIFAR-10 test accuracy as published: grad_norm, snip, grasp, fisher, synflow and jacob_cov
/// from Abdelfattah et al. (ICLR 2021); nwot, zen and zico as the ZiCo paper (Li et al., ICLR 2023) lists them.
/// docs/PROXIES.md says where each comes from.
/// </summary>
public static class PublishedProxyCorrelations
{
    /// <summary>The published ρ by proxy name (CIFAR-10).</summary>
    public static IReadOnlyDictionary<string, double> Cifar10 { get; } = new Dictionary<string, double>
    {
        ["grad_norm"] = 0.58, ["snip"] = 0.58, ["grasp"] = 0.48, ["fisher"] = 0.36, ["synflow"] = 0.74,
        ["jacob_cov"] = 0.73, ["nwot"] = 0.78, ["zen"] = 0.35, ["zico"] = 0.80,
    };
}
