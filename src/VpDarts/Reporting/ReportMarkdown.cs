using VpDarts.Benchmark;
using VpDarts.Methods;
using VpDarts.Reporting.Figures;
using VpDarts.Runs;
using VpDarts.Runtime;
using VpDarts.SearchSpace;

namespace VpDarts.Reporting;

/// <summary>Builds the text of <c>report.md</c>.</summary>
internal sealed class ReportMarkdown(RunRecord run, Nb201Table? table, IReadOnlyList<FigureOutcome> figures)
{
    private readonly StringBuilder _md = new();

    public string Build()
    {
        var method = run.Result?.Method ?? run.Setting("method") ?? "unknown method";
        var dataset = run.Result?.Dataset ?? run.Setting("dataset") ?? "unknown data set";
        Line($"# Search report: {MarkdownText.Text(method)} on {MarkdownText.Text(dataset)}");
        Line();
        Line($"Run folder: {MarkdownText.Path(run.Root)}. Regenerate with " +
            $"{MarkdownText.Path($"vpdarts report {ShellWord.Of(run.Root)}")}; epochs are counted from 1.");
        Line();
        var planned = run.Result?.Epochs ?? Int(run.Setting("epochs"));
        if (!run.Finished)
        {
            Line("> **The run has not finished**: there is no `result.json`. This report covers the " +
                 $"{run.Epochs.Count} epoch{S(run.Epochs.Count)} recorded so " +
                 $"far{(planned is { } p ? $" of {p} planned" : "")}; the cell shown is the one after epoch " +
                 $"{run.Last!.Number}, not a final selection.");
            Line();
        }
        Settings(method);
        Cell();
        Nb201();
        Timings();
        Figures();
        EpochTable();
        return _md.ToString();
    }

    private void Settings(string method)
    {
        var known = SearchMethod.Find(method) as MethodModule;
        Line("## Settings");
        Line();
        if (run.Config is null)
        {
            Line("`config.json` is missing from the run folder, so the settings are unknown.");
            Line();
            return;
        }
        var rows = new List<(string, string?)>
        {
            ("method", method),
            ("pruning strength K", known is not null && known.Options.Contains(nameof(SearchConfig.K))
                ? Join(run.Setting("k"), OptionNames.Find<KMode>(run.Setting("k")) == KMode.Adjustable
                    ? $"{run.Setting("decay")} decay"
                    : null)
                : "—"),
            ("importance criterion", known is null || known.Options.Contains(nameof(SearchConfig.Importance))
                ? run.Setting("importance")
                : known.FinalSelectionCells > 0 ? "— (accuracy of sampled cells)" : "— (α only)"),
            ("data set", run.Setting("dataset")),
            ("cells per stage (N)", run.Setting("layers")),
            ("channels (C)", run.Setting("channels")),
            ("epochs", run.Setting("epochs")),
            ("warm-up epochs", known is { WarmsUp: false } ? $"0 ({method} has none)" : run.Setting("warmup")),
            ("SGD weight decay, Nesterov",
                Join(run.Setting("weight_decay"), run.Setting("nesterov") is { } n ? $"(Nesterov: {n})" : null)),
            ("step order", run.Setting("step_order")),
            ("seed", run.Setting("seed")),
            ("batch size (ablation batch size)",
                Join(run.Setting("batch_size"), run.Setting("eval_batch_size") is { } b ? $"({b})" : null)),
            ("weight learning rate (cosine)",
                Join(run.Setting("weight_lr"), run.Setting("weight_lr_min") is { } m ? $"→ {m}" : null)),
            ("α learning rate (Adam)", run.Setting("arch_lr")),
            ("ablation fraction of search-valid", run.Setting("valid_fraction")),
            ("device, threads", Join(run.Setting("device"),
                run.Setting("threads") is { } t ? $"({t} thread{(t == "1" ? "" : "s")})" : null)),
        };
        Line("| setting | value |");
        Line("|---|---|");
        foreach (var (name, value) in rows) Line($"| {name} | {Cell(value ?? "—")} |");
        var shown = new HashSet<string>(
            ["method", "k", "decay", "importance", "dataset", "layers", "channels", "epochs", "warmup", "seed",
            "batch_size", "eval_batch_size", "weight_lr", "weight_lr_min", "arch_lr", "valid_fraction", "device",
                "threads", RunProvenance.Key]);
        var rest = run.Config.Where(kv => !shown.Contains(kv.Key)).ToList();
        if (rest.Count > 0)
        {
            Line();
            Line("<details><summary>Other settings</summary>");
            Line();
            Line("| key | value |");
            Line("|---|---|");
            foreach (var (key, _) in rest)
                Line($"| {MarkdownText.Code(key, inTable: true)} | {Cell(run.Setting(key) ?? "null")} |");
            Line();
            Line("</details>");
        }
        Line();
        ProvenanceTable.Write(run.Config, text => Line(text), Cell);
    }

    private void Cell()
    {
        Line(run.Finished ? "## Final cell" : "## Current cell");
        Line();
        var cell = run.Cell;
        // The arch string the section is about; when it is invalid the report says so, and shows the cell after the
        // last epoch if that one is valid.
        var (recorded, file) = run.Finished ? (run.Result!.Arch, "result.json") : (run.Last?.Arch, "metrics.jsonl");
        var invalid = recorded is not null && !Genotype.TryParse(recorded, out _, out _);
        if (invalid) Line($"`{file}` holds an {MarkdownText.Arch(recorded)}.");
        if (cell is null)
        {
            if (invalid) Line();
            Line("No valid arch string was recorded.");
            Line();
            return;
        }
        if (invalid)
        {
            Line($"The cell below is the one after epoch {run.Last!.Number}.");
            Line();
        }
        Line($"{MarkdownText.Code(cell.ToString())} — {cell.SkipConnectCount} skip_connect " +
            $"edge{S(cell.SkipConnectCount)}.");
        Line();
        Line("| edge | from node | to node | operation |");
        Line("|---|---|---|---|");
        for (var e = 0; e < CellTopology.EdgeCount; e++)
        {
            var (to, from) = CellTopology.Edges[e];
            Line($"| {CellTopology.EdgeLabel(e)} | {from} | {to} | {cell[e].Name()} |");
        }
        Line();
        if (figures.FirstOrDefault(f => f.File == "cell.png") is { SkipReason: null })
            Line("![the cell as a graph](figures/cell.png)");
        Line();
    }

    private void Nb201()
    {
        Line("## NAS-Bench-201 scores");
        Line();
        var (json, where) = run.Finished
            ? (run.Result!.Nb201, "result.json") : (run.Last!.Nb201, $"metrics.jsonl (epoch {run.Last.Number})");
        var rows = Nb201Lookup.Rows(run.Cell, json, where, table, out var source);
        if (rows.Count == 0)
        {
            Line(table is null
                ? "Not scored: the run recorded no NB201 accuracies (pass `--table FILE` to look the cell up)."
                : $"Not scored: the cell is not in table {MarkdownText.Path(table.Source)}.");
            Line();
            return;
        }
        Line("200-epoch test accuracy of the cell trained alone, as NB201 reports it.");
        Line();
        Line("| data set | test accuracy (%) | percentile | rank |");
        Line("|---|---:|---:|---:|");
        foreach (var r in rows)
        {
            var rank = r.Rank is { } k
                ? (r.Of is { } n ? $"{k} of {n}" : k.ToString(CultureInfo.InvariantCulture)) : "—";
            Line($"| {r.Dataset.DisplayName()} | {F(r.Accuracy, "F2")} | {F(r.Percentile, "F2")} | {rank} |");
        }
        Line();
        Line($"Source: {source}. Percentile: % of cells scoring lower, ties counting half; rank 1 = best.");
        Line();
    }

    private void Timings()
    {
        Line("## Timings");
        Line();
        double Sum(Func<SearchEpochRecord, double?> f) => run.Epochs.Sum(m => f(m) ?? 0);
        var result = run.Result;
        var ablation = result?.Seconds?.Ablation ?? Sum(m => m.Seconds?.Ablation);
        var train = result?.Seconds?.Train ?? Sum(m => m.Seconds?.Train);
        var total = result?.SearchSeconds ?? Sum(m => m.Seconds?.Total);
        var images = Sum(m => m.Images);
        Line("| part | seconds | share of search |");
        Line("|---|---:|---:|");
        Line($"| search, total{(run.Finished ? "" : " (so far)")} | {F(total, "F1")} | 100% |");
        Line($"| training steps (weights and α) | {F(train, "F1")} | {Share(train, total)} |");
        Line($"| ablation (importance measurement) | {F(ablation, "F1")} | {Share(ablation, total)} |");
        Line($"| final selection | {(result?.Seconds?.FinalSelection is { } fs ? F(fs, "F1") : "—")} | " +
            $"{Share(result?.Seconds?.FinalSelection, total)} |");
        Line();
        Line(train > 0
            ? $"Throughput of the training steps: {F(images / train, "F1")} images/s on average ({F(images, "F0")} " +
                "images, train and valid batches)."
            : "Throughput: not recorded.");
        Line();
    }

    private void Figures()
    {
        Line("## Figures");
        Line();
        Line("Each figure is also in `figures/` as SVG (same name, `.svg`), for papers.");
        Line();
        foreach (var f in figures.Where(f => f.File != "cell.png"))
        {
            Line($"### {f.Title}");
            Line();
            if (f.SkipReason is { } why) Line($"Not drawn: {MarkdownText.Text(why)}.");
            else
            {
                Line($"![{f.Title}](figures/{f.File})");
                Line();
                Line(f.Caption);
            }
            Line();
        }
    }

    private void EpochTable()
    {
        Line("## Per-epoch metrics");
        Line();
        var scored = run.Epochs.Any(m => Nb201Lookup.Cifar10(m, table) is not null);
        Line("| epoch | phase | lr | train loss | train acc (%) | valid loss | valid acc (%) | pruned ops | pruning " +
            "strength | arch | skips |" +
             (scored ? " NB201 CIFAR-10 (%) |" : ""));
        Line("|---:|---|---:|---:|---:|---:|---:|---:|---:|---|---:|" + (scored ? "---:|" : ""));
        foreach (var m in run.Epochs)
        {
            var strength = m.DecayFactor is null ? "—" : F(PruningFigure.Strength(m), "F3");
            Line($"| {m.Number} | {(m.Phase is null ? "—" : Cell(m.Phase))} | {F(m.Lr, "G4")} | " +
                 $"{F(m.TrainLoss, "F3")} | {F(m.TrainAcc, "F1")} | {F(m.ValidLoss, "F3")} | {F(m.ValidAcc, "F1")} | " +
                 $"{m.Pruned?.Count.ToString(CultureInfo.InvariantCulture) ?? "—"} | {strength} | " +
                 $"{MarkdownText.Arch(m.Arch, inTable: true)} | " +
                 $"{m.SkipCount?.ToString(CultureInfo.InvariantCulture) ?? "—"} |" +
                 (scored ? $" {F(Nb201Lookup.Cifar10(m, table), "F2")} |" : ""));
        }
        Line();
    }

    private void Line(string text = "") => _md.Append(text).Append('\n');

    private static string F(double? value, string format) =>
        value is { } v && double.IsFinite(v) ? v.ToString(format, CultureInfo.InvariantCulture) : "—";

    private static string Share(double? part, double total) =>
        part is { } p && total > 0 ? (100 * p / total).ToString("F1", CultureInfo.InvariantCulture) + "%" : "—";

    private static string S(int count) => count == 1 ? "" : "s";

    private static string? Join(string? a, string? b) => a is null ? null : b is null ? a : $"{a} {b}";

    private static int? Int(string? text) => int.TryParse(text, CultureInfo.InvariantCulture, out var v) ? v : null;

    /// <summary>Text read from a file, safe inside a Markdown table cell.</summary>
    private static string Cell(string text) => MarkdownText.Text(text);
}
