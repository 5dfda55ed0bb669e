using VpDarts.Benchmark;
using VpDarts.Experiments;
using VpDarts.Runtime;
using VpDarts.SearchSpace;

namespace VpDarts.Reporting;

/// <summary>
/// The summary of <c>experiment proxies</c>: every proxy's ρ and τ-b against an NB201 column, written as proxies.md
/// and proxies.csv, with proxies.png (and .svg): NB201 accuracy against the proxy's rank, one panel per proxy.
/// </summary>
public static class ProxyCorrelationReport
{
    /// <summary>One row per proxy of <paramref name="config"/>, over <paramref name="lines"/>.</summary>
    public static IReadOnlyList<ProxyCorrelationRow> Rows(ProxyExperimentConfig config,
        IReadOnlyList<ProxyScoreLine> lines, Nb201Table table, Nb201Dataset column)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentNullException.ThrowIfNull(table);
        var accuracy = lines.Select(l => table.Get(Genotype.Parse(l.Arch))[column]).ToArray();
        return config.Proxies.Select(proxy =>
        {
            var kept = Enumerable.Range(0, lines.Count).Where(i => double.IsFinite(lines[i].Scores[proxy])).ToArray();
            var scores = kept.Select(i => lines[i].Scores[proxy]).ToArray();
            var truth = kept.Select(i => accuracy[i]).ToArray();
            var published = column == Nb201Dataset.Cifar10
                && PublishedProxyCorrelations.Cifar10.TryGetValue(proxy, out var rho) ? rho : (double?)null;
            return new ProxyCorrelationRow(proxy, kept.Length, SpearmanRho.Of(scores, truth),
                KendallTau.TauB(scores, truth), lines.Count == 0 ? 0 : lines.Average(l => l.CpuSeconds[proxy]),
                published);
        }).ToList();
    }

    /// <summary>Writes proxies.md, proxies.csv and the figure into <paramref name="folder"/>.</summary>
    public static void Write(string folder, ProxyExperimentConfig config, IReadOnlyList<ProxyScoreLine> lines,
        Nb201Table table, Nb201Dataset column)
    {
        var rows = Rows(config, lines, table, column);
        AtomicFile.WriteAllText(Path.Combine(folder, "proxies.md"), Markdown(config, lines.Count, rows, column));
        AtomicFile.WriteAllText(Path.Combine(folder, "proxies.csv"), Csv(rows));
        Figures.ProxyRankFigure.Save(Path.Combine(folder, "proxies.png"), config, lines, table, column);
    }

    /// <summary>The Markdown summary.</summary>
    public static string Markdown(ProxyExperimentConfig config, int cells, IReadOnlyList<ProxyCorrelationRow> rows,
        Nb201Dataset column)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(rows);
        var text = new StringBuilder();
        text.AppendLine("# Zero-cost proxies against NB201");
        text.AppendLine();
        var sample = string.Create(CultureInfo.InvariantCulture,
            $"{cells} of {config.Sample} cells (seed {config.Seed}) scored on one batch of {config.BatchSize} images");
        var network = string.Create(CultureInfo.InvariantCulture,
            $"networks C={config.Channels}, N={config.Layers} initialised with seed {config.InitSeed}");
        text.AppendLine($"{sample} of {MarkdownText.Code(config.Dataset)}, {network}; ρ and τ-b against NB201 " +
            $"{column.DisplayName()} test accuracy (200 epochs), over the cells whose score is a finite number.");
        text.AppendLine();
        text.AppendLine("| proxy | cells | Spearman ρ | Kendall τ-b | published ρ | CPU s per cell |");
        text.AppendLine("|---|---|---|---|---|---|");
        foreach (var row in rows)
            text.AppendLine($"| {MarkdownText.Text(row.Proxy)} | {row.Cells} | {F(row.Rho, "F3")} | " +
                $"{F(row.Tau, "F3")} | " +
                $"{(row.PublishedRho is { } p ? F(p, "F2") : "–")} | {F(row.CpuSecondsPerCell, "F2")} |");
        return text.ToString();
    }

    private static string Csv(IReadOnlyList<ProxyCorrelationRow> rows)
    {
        var text = new StringBuilder("proxy,cells,spearman_rho,kendall_tau_b,published_rho,cpu_seconds_per_cell\n");
        foreach (var row in rows)
            text.AppendLine($"{CsvText.Cell(row.Proxy)},{row.Cells},{F(row.Rho, "R")},{F(row.Tau, "R")}," +
                $"{(row.PublishedRho is { } p ? F(p, "R") : "")},{F(row.CpuSecondsPerCell, "R")}");
        return text.ToString();
    }

    private static string F(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
}
