using System.Globalization;
using System.Text;
using VpDarts.Benchmark;
using VpDarts.Data;
using VpDarts.Models;
using VpDarts.Proxies;
using VpDarts.Reporting;
using VpDarts.Runtime;
using VpDarts.SearchSpace;

namespace VpDarts.Cli.Commands;

/// <summary>
/// <c>vpdarts proxies ARCH…</c> (or <c>--sample K</c>): scores cells with zero-cost proxies on one batch of a dataset,
/// each cell's network freshly initialised from one seed, and prints (and with <c>--out</c> writes as CSV) every
/// score, with the NB201 accuracies beside them when a table is given.
/// </summary>
public sealed class ProxiesCommand(IAnsiConsole console) : TorchCommand<ProxiesCommand.Settings>
{
    /// <summary>Options of <c>proxies</c>.</summary>
    public sealed class Settings : CommandSettings
    {
        /// <summary>The cells as NB201 arch strings.</summary>
        [CommandArgument(0, "[ARCH]"), Description("Cells as NB201 arch strings (quote them: '|' is a shell pipe)")]
        public string[] Archs { get; set; } = [];

        /// <summary>Cells to sample instead.</summary>
        [CommandOption("--sample <K>"), Description("Score K distinct cells drawn from the NB201 space with --seed")]
        public int? Sample { get; set; }

        /// <summary>Seed of the sample, the batch and (unless --init-seed) the initial weights.</summary>
        [CommandOption("--seed <S>"), Description("Seed of the sample, the batch and the weights [[default: 0]]")]
        public int Seed { get; set; }

        /// <summary>Seed of every cell's initial weights.</summary>
        [CommandOption("--init-seed <S>"), Description("Seed of every cell's initial weights [[default: --seed]]")]
        public int? InitSeed { get; set; }

        /// <summary>Which proxies.</summary>
        [CommandOption("--proxy <NAME>"), Description("A proxy to run (repeatable) [[default: all]]")]
        public string[]? Proxy { get; set; }

        /// <summary>The dataset.</summary>
        [CommandOption("--dataset <SPEC>"), Description("Dataset the batch comes from [[default: demo]]")]
        public string Dataset { get; set; } = "demo";

        /// <summary>Data cache folder.</summary>
        [CommandOption("--data-dir <DIR>"), Description("Data cache folder [[default: the search's]]")]
        public string? DataDir { get; set; }

        /// <summary>Images in the batch.</summary>
        [CommandOption("--batch-size <N>"), Description("Images in the batch [[default: 64]]")]
        public int BatchSize { get; set; } = 64;

        /// <summary>Channels of the first stage.</summary>
        [CommandOption("--channels <C>"), Description("Channels of the first stage [[default: 16]]")]
        public int Channels { get; set; } = 16;

        /// <summary>Cells per stage.</summary>
        [CommandOption("--layers <N>"), Description("Cells per stage [[default: 5]]")]
        public int Layers { get; set; } = 5;

        /// <summary>Intra-op threads.</summary>
        [CommandOption("--threads <N>"), Description("Intra-op threads [[default: 1]]")]
        public int Threads { get; set; } = 1;

        /// <summary>The NB201 table.</summary>
        [CommandOption("-t|--table <FILE>"), Description("NB201 accuracy CSV, to print the cells' accuracies beside " +
            "their scores [[default: $" + TableLocation.Variable + " if set]]")]
        public string? Table { get; set; }

        /// <summary>CSV output file.</summary>
        [CommandOption("--out <FILE>"), Description("Also write the scores to FILE as CSV (a new file)")]
        public string? Out { get; set; }

        /// <summary>JSON lines instead of text.</summary>
        [CommandOption("--json"), Description("Print JSON for scripts (one object per line) instead of text")]
        public bool Json { get; set; }

        /// <inheritdoc />
        public override ValidationResult Validate()
        {
            if (Archs.Length == 0 && Sample is null) return ValidationResult.Error("give ARCH strings or --sample K");
            if (Archs.Length > 0 && Sample is not null)
                return ValidationResult.Error("--sample: give either ARCH strings or --sample, not both");
            if (Sample is < 1 or > Genotype.SpaceSize)
                return ValidationResult.Error($"--sample: must be 1 to {Genotype.SpaceSize}, got {Sample}");
            if (ProxyOptionChecks.Check(BatchSize, Channels, Layers, Threads, Proxy) is { } bad) return bad;
            return ValidationResult.Success();
        }
    }

    /// <summary>Adds the command.</summary>
    public static void Register(IConfigurator config) =>
        config.AddCommand<ProxiesCommand>("proxies")
            .WithDescription("Score cells with zero-cost proxies (grad_norm, snip, grasp, fisher, synflow, " +
                             "jacob_cov, nwot, zen, zico, params, flops) on one batch, without training.")
            .WithExample("proxies", "--sample", "20", "--seed", "1", "--dataset", "cifar10", "--table", "nb201.csv")
            .WithExample("proxies", "|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|skip_connect~0|" +
                         "nor_conv_3x3~1|nor_conv_3x3~2|", "--proxy", "nwot");

    /// <inheritdoc />
    protected override int ExecuteWithTorch(CommandContext context, Settings settings,
        CancellationToken cancellationToken)
    {
        var cells = settings.Sample is { } count
            ? CellSample.Draw(count, settings.Seed)
            : settings.Archs.Select(arch => Genotype.TryParse(arch, out var genotype, out var reason)
                ? genotype! : throw new UserInputException($"<ARCH>: {reason}")).ToList();
        var proxies = settings.Proxy is { Length: > 0 } names
            ? names.Distinct().Select(n => ZeroCostProxies.Find(n)!).ToList()
            : ZeroCostProxies.All;
        var tablePath = TableLocation.Resolve(settings.Table);
        var table = tablePath is null ? null : Nb201Table.Load(tablePath);
        if (settings.Out is { } csv && Path.Exists(csv))
            throw new UserInputException($"--out: {Path.GetFullPath(csv)} exists; proxies writes a new file only, " +
                                         "so choose another name");
        TorchSharp.torch.set_num_threads(settings.Threads);

        using var data = DatasetSearchData.Load(settings.Dataset, DataOptions.ForDataDir(settings.DataDir),
            settings.Seed, trainLimit: null, validLimit: null);
        if (data.TrainCount < settings.BatchSize)
            throw new UserInputException($"--batch-size: {settings.Dataset} has {data.TrainCount} search-train " +
                                         $"images, fewer than {settings.BatchSize}");
        var batch = data.TrainBatches(0, settings.BatchSize).First();
        try
        {
            var shape = new NetworkShape(settings.Channels, settings.Layers, data.Channels, data.Classes);
            var proxyBatch = new ProxyBatch(batch.Images, batch.Labels);
            var results = new List<CellProxyScores>();
            foreach (var cell in cells)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var scores = ProxyScorer.Score(cell, shape, settings.InitSeed ?? settings.Seed, proxyBatch, proxies);
                results.Add(scores);
                Print(settings.Json, scores, table?.Get(cell));
            }
            if (settings.Out is { } path) AtomicFile.WriteAllText(path, Csv(results, proxies, table));
        }
        finally
        {
            batch.Images.Dispose();
            batch.Labels.Dispose();
        }
        return 0;
    }

    private void Print(bool json, CellProxyScores scores, Nb201Scores? accuracy)
    {
        if (json)
        {
            Output.JsonLine(console, new ProxyScoresRecord
            {
                Arch = scores.Cell.ToString(),
                SpaceIndex = scores.Cell.Index,
                Scores = scores.Scores.ToDictionary(s => s.Proxy,
                    s => double.IsFinite(s.Score) ? s.Score : (double?)null),
                CpuSeconds = scores.Scores.ToDictionary(s => s.Proxy, s => s.CpuSeconds),
                Cifar10Test = accuracy?.Cifar10,
                Cifar100Test = accuracy?.Cifar100,
                ImageNet16_120Test = accuracy?.ImageNet16_120,
            });
            return;
        }
        var line = scores.Cell + "  " + string.Join("  ", scores.Scores.Select(s => $"{s.Proxy} {Number(s.Score)}"));
        if (accuracy is { } a)
            line += "  " + string.Join("  ", Nb201Datasets.All.Select(d => $"{d.DisplayName()} {Output.F2(a[d])}"));
        Output.Line(console, line);
    }

    private static string Csv(IReadOnlyList<CellProxyScores> results, IReadOnlyList<IZeroCostProxy> proxies,
        Nb201Table? table)
    {
        var text = new StringBuilder();
        var header = new List<string> { "arch", "space_index" };
        header.AddRange(proxies.Select(p => p.Name));
        header.AddRange(proxies.Select(p => p.Name + "_cpu_seconds"));
        if (table is not null) header.AddRange(["cifar10_test", "cifar100_test", "imagenet16_120_test"]);
        text.AppendLine(string.Join(",", header));
        foreach (var result in results)
        {
            var row = new List<string>
            {
                CsvText.Cell(result.Cell.ToString()), result.Cell.Index.ToString(CultureInfo.InvariantCulture),
            };
            row.AddRange(result.Scores.Select(s => Number(s.Score)));
            row.AddRange(result.Scores.Select(s => s.CpuSeconds.ToString("F3", CultureInfo.InvariantCulture)));
            if (table is not null)
            {
                var a = table.Get(result.Cell);
                row.AddRange(Nb201Datasets.All.Select(d => a[d].ToString("F2", CultureInfo.InvariantCulture)));
            }
            text.AppendLine(string.Join(",", row));
        }
        return text.ToString();
    }

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
