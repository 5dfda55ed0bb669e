using System.Globalization;
using VpDarts.Benchmark;
using VpDarts.Data;
using VpDarts.Experiments;
using VpDarts.Proxies;
using VpDarts.Reporting;
using VpDarts.SearchSpace;

namespace VpDarts.Cli.Commands;

/// <summary>
/// <c>vpdarts experiment proxies</c>: every zero-cost proxy on a seeded sample of NB201 cells, Spearman ρ and Kendall
/// τ-b against an NB201 column, CPU seconds per cell, the published ρ beside; resumes where a stopped run ended.
/// </summary>
public sealed class ProxiesExperimentCommand(IAnsiConsole console) : TorchCommand<ProxiesExperimentCommand.Settings>
{
    /// <summary>Options of <c>experiment proxies</c>.</summary>
    public sealed class Settings : TableSettings
    {
        /// <summary>The experiment folder.</summary>
        [CommandOption("--out <DIR>"), Description("Experiment folder: a new one, or this experiment's to resume " +
            "[[default: experiments/proxies]]")]
        public string Out { get; set; } = Path.Combine("experiments", "proxies");

        /// <summary>Cells to sample.</summary>
        [CommandOption("--sample <K>"), Description("Cells drawn from the NB201 space [[default: 1000]]")]
        public int Sample { get; set; } = 1000;

        /// <summary>Seed of the sample and the batch.</summary>
        [CommandOption("--seed <S>"), Description("Seed of the sample and the batch [[default: 0]]")]
        public int Seed { get; set; }

        /// <summary>Seed of the initial weights.</summary>
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

        /// <summary>The NB201 column.</summary>
        [CommandOption("--benchmark <DATASET>"), Description("NB201 column to rank against: cifar10, cifar100 or " +
            "imagenet16-120 [[default: cifar10]]")]
        public string Benchmark { get; set; } = "cifar10";

        /// <summary>Intra-op threads.</summary>
        [CommandOption("--threads <N>"), Description("Intra-op threads [[default: 1]]")]
        public int Threads { get; set; } = 1;

        /// <inheritdoc />
        public override ValidationResult Validate()
        {
            if (Sample is < 2 or > Genotype.SpaceSize)
                return ValidationResult.Error($"--sample: must be 2 to {Genotype.SpaceSize}, got {Sample}");
            if (ProxyOptionChecks.Check(BatchSize, Channels, Layers, Threads, Proxy) is { } bad) return bad;
            if (!Nb201Datasets.TryParse(Benchmark, out _))
                return ValidationResult.Error($"--benchmark: unknown NB201 dataset '{Benchmark}'; known: " +
                    string.Join(", ", Nb201Datasets.All.Select(d => d.Key())));
            return base.Validate();
        }
    }

    /// <inheritdoc />
    protected override int ExecuteWithTorch(CommandContext context, Settings settings,
        CancellationToken cancellationToken)
    {
        Nb201Datasets.TryParse(settings.Benchmark, out var column);
        var table = settings.LoadTable();
        var config = new ProxyExperimentConfig
        {
            Sample = settings.Sample, Seed = settings.Seed, InitSeed = settings.InitSeed ?? settings.Seed,
            Dataset = settings.Dataset, BatchSize = settings.BatchSize, Channels = settings.Channels,
            Layers = settings.Layers,
            Proxies = settings.Proxy is { Length: > 0 } names ? names.Distinct().ToList() : ZeroCostProxies.Names,
        };
        TorchSharp.torch.set_num_threads(settings.Threads);
        using var data = DatasetSearchData.Load(settings.Dataset, DataOptions.ForDataDir(settings.DataDir),
            settings.Seed, trainLimit: null, validLimit: null);
        if (data.TrainCount < settings.BatchSize)
            throw new UserInputException($"--batch-size: {settings.Dataset} has {data.TrainCount} search-train " +
                                         $"images, fewer than {settings.BatchSize}");
        var done = 0;
        var lines = ProxyExperiment.Run(settings.Out, config, data, line =>
        {
            done++;
            if (done % 25 == 0 || line.Position + 1 == config.Sample)
                Output.Line(console, $"{line.Position + 1}/{config.Sample} cells scored");
        }, cancellationToken);
        ProxyCorrelationReport.Write(settings.Out, config, lines, table, column);
        foreach (var row in ProxyCorrelationReport.Rows(config, lines, table, column))
            Output.Line(console, string.Create(CultureInfo.InvariantCulture,
                $"{row.Proxy,-10} ρ {row.Rho,6:F3}  τ {row.Tau,6:F3}  published ρ " +
                $"{(row.PublishedRho is { } p ? p.ToString("F2", CultureInfo.InvariantCulture) : "–"),4}  " +
                $"{row.CpuSecondsPerCell:F2} CPU s per cell  ({row.Cells} cells)"));
        Output.Line(console, $"wrote {Path.Combine(settings.Out, "proxies.md")}");
        return 0;
    }
}
