using ScottPlot;
using SkiaSharp;
using VpDarts.Benchmark;
using VpDarts.Experiments;
using VpDarts.SearchSpace;

namespace VpDarts.Reporting.Figures;

/// <summary>
/// proxies.png: one panel per proxy, each cell's NB201 accuracy against the rank of its score (1 = lowest), so a
/// proxy that ranks well draws a rising band.
/// </summary>
public static class ProxyRankFigure
{
    private const int Panel = 360;
    private const int Columns = 4;

    /// <summary>Draws the figure of <paramref name="lines"/> to <paramref name="path"/> (and its SVG twin).</summary>
    public static void Save(string path, ProxyExperimentConfig config, IReadOnlyList<ProxyScoreLine> lines,
        Nb201Table table, Nb201Dataset column)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentNullException.ThrowIfNull(table);
        var accuracy = lines.Select(l => table.Get(Genotype.Parse(l.Arch))[column]).ToArray();
        var rows = (config.Proxies.Count + Columns - 1) / Columns;
        Canvas.SaveFigure(path, Columns * Panel, Math.Max(1, rows) * Panel, canvas =>
        {
            for (var p = 0; p < config.Proxies.Count; p++)
            {
                var proxy = config.Proxies[p];
                var kept = Enumerable.Range(0, lines.Count).Where(i => double.IsFinite(lines[i].Scores[proxy]))
                    .ToArray();
                var ranks = SpearmanRho.Ranks(kept.Select(i => lines[i].Scores[proxy]).ToArray());
                var plot = Canvas.NewPlot(proxy, "rank of the score", $"{column.DisplayName()} accuracy (%)");
                var scatter = plot.Add.ScatterPoints(ranks, kept.Select(i => accuracy[i]).ToArray());
                scatter.MarkerSize = 3;
                var left = p % Columns * Panel;
                var top = p / Columns * Panel;
                Canvas.Draw(canvas, plot, new SKRect(left, top, left + Panel, top + Panel));
            }
        });
    }
}
