using VpDarts.Benchmark;
using VpDarts.Reporting;
using VpDarts.Runs;
using VpDarts.Runtime;
using VpDarts.Search;
using VpDarts.SearchSpace;

namespace VpDarts.Cli.Commands;

/// <summary>What search and demo share: config, data, the run, the summary.</summary>
internal static class SearchJob
{
    /// <summary>Where the demo looks for the NB201 table when none is given: the shared folder beside a
    /// checkout.</summary>
    private static readonly string ConventionalTable =
        Path.Combine("..", "shared", "nb201", "nb201-test-accuracy-200ep.csv");

    /// <summary>
    /// Runs (or prints the settings of) the search <paramref name="settings"/> ask for; the run records
    /// <paramref name="arguments"/>, the command line as given, in its provenance.
    /// </summary>
    public static int Run(IAnsiConsole console, SearchSettings settings, string defaultPreset, bool autoTable,
        IReadOnlyList<string> arguments, CancellationToken cancel)
    {
        if (settings.PrintConfig) return PrintConfig(console, settings, defaultPreset, autoTable, arguments);
        TrainConfig? training = null;
        var (config, run) = Prepare(settings, defaultPreset, autoTable,
            // checked before anything is written
            search => training = settings.ThenTrain ? TrainingConfig(settings, search) : null);
        using (run) return Run(console, config, run, training, settings.Resume is not null, arguments, cancel);
    }

    /// <summary>The search in <paramref name="run"/>, whose lock this process holds from its creation (or, resumed,
    /// from the start) to the end.</summary>
    private static int Run(IAnsiConsole console, SearchConfig config, RunDirectory run, TrainConfig? training,
        bool resuming, IReadOnlyList<string> arguments, CancellationToken cancel)
    {
        var table = config.Table is null ? null : Nb201Table.Load(config.Table);
        IRunProgress progress = Output.IsTerminal(console)
            ? new TerminalProgress(console) : new LineProgress(console.Profile.Out.Writer);
        Output.Line(console, $"vpdarts {config.Method.Name}" +
                             (config.Method.Options.Contains(nameof(SearchConfig.K))
                                 ? $" (K {OptionNames.Name(config.K)})"
                                 : "") +
                             $" on {config.Dataset}: N={config.Layers} C={config.Channels}, {config.Epochs} epochs " +
                             $"({config.EffectiveWarmup} warm-up), seed {config.Seed}, {config.Threads} threads");
        using var data = Output.PrepareRun(console, run, arguments, config.Device, config.Threads,
            () => SearchRun.LoadData(config),
            d => $"{d.Name}, {d.TrainCount} search-train / {d.ValidCount} search-valid images, {d.Classes} classes",
            resuming ? d => RunRecordCheck.CheckData(run, d.Fingerprint) : null);

        using var stop = new StopSignals(cancel);
        SearchResult result;
        // opened with the first epoch, so a refused or finished resume writes no event file
        TensorBoardLog? tensorboard = null;
        try
        {
            result = new SearchRun(config, data, run, progress,
                table is null ? null : arch => Nb201Scoring.Score(table, arch))
            {
                OnEpoch = epoch => (tensorboard ??= new TensorBoardLog(run.Root)).Write(epoch),
            }.Execute(stop.Token);
        }
        catch (OperationCanceledException)
        {
            Output.Line(console, "stopped at a step boundary and checkpointed; resume with: vpdarts search --resume " +
                $"{ShellWord.Of(run.Root)}");
            return 130;
        }
        finally
        {
            tensorboard?.Dispose();
            (progress as TerminalProgress)?.Finish();
        }
        var report = RunReport.Write(run.Root, table);
        Summary(console, config, result, table);
        Output.Line(console, $"report: {OneLine.Escape(report.ReportPath)}");
        if (training is null) return 0;
        return ThenTrain(console, training with { Arch = result.Arch.ToString() }, result, arguments, cancel);
    }

    /// <summary>
    /// The settings of <c>--then-train</c>: the training preset, then <c>--train-config</c>, then the search's dataset,
    /// seed, threads and device. The arch is a placeholder until the search has found one.
    /// </summary>
    private static TrainConfig TrainingConfig(SearchSettings settings, SearchConfig search)
    {
        var config = TrainPresets.Get(settings.TrainPreset ?? "cpu");
        if (settings.TrainConfig is not null)
            config = SettingsFile<TrainConfig>.Overlay(config, settings.TrainConfig, "--train-config");
        config = config with
        {
            Arch = Genotype.Uniform(Operation.SkipConnect).ToString(), Dataset = search.Dataset,
            DataDir = search.DataDir, Seed = search.Seed, Threads = search.Threads, Device = search.Device,
            ImageSize = search.ImageSize,
        };
        try { return config.Validate(); }
        catch (UserInputException e) { throw new UserInputException($"--then-train: {e.Message}", e); }
    }

    /// <summary>Trains the found cell into <c>RUN_DIR/train/</c> (resuming it when it was started before).</summary>
    private static int ThenTrain(IAnsiConsole console, TrainConfig config, SearchResult result,
        IReadOnlyList<string> arguments, CancellationToken cancel)
    {
        using var trainRun = new RunDirectory(Path.Combine(result.RunDirectory, "train"));
        // before its files are read
        if (Directory.Exists(trainRun.Root)) trainRun.Lock("--then-train", "vpdarts search --then-train");
        if (File.Exists(trainRun.ConfigPath))
        {
            var stored = SettingsFile<TrainConfig>.Load(trainRun.ConfigPath);
            // The data folder does not change what is trained (a search folder from before resolved settings
            // leaves it null).
            var differences = SettingsFile<TrainConfig>.Differences(stored, config with { DataDir = stored.DataDir });
            if (differences.Count > 0)
                throw new UserInputException($"--then-train: {trainRun.Root} holds a training run with other " +
                    $"settings: {string.Join("; ", differences)}");
        }
        else if (!trainRun.IsUnused)
            throw new UserInputException($"--then-train: {trainRun.Root} is not empty and holds no training run; " +
                "move it away to train the found cell");
        Output.Line(console, $"training the found cell into {trainRun.Root}");
        var resume = $"vpdarts train --resume {ShellWord.Of(trainRun.Root)}";
        var resuming = File.Exists(trainRun.ConfigPath);
        return TrainJob.Run(console, config.Validate(), trainRun, resume, resuming, arguments, cancel);
    }

    /// <summary>
    /// <c>--print-config</c>: the settings the run would record, resolved and checked, without naming or creating its
    /// folder or loading data; why the table is null goes to standard error, so standard output stays JSON.
    /// </summary>
    private static int PrintConfig(IAnsiConsole console, SearchSettings settings, string defaultPreset, bool autoTable,
        IReadOnlyList<string> arguments)
    {
        SearchConfig config;
        if (settings.Resume is null)
        {
            config = NewConfig(settings, defaultPreset, autoTable);
            if (settings.ThenTrain) TrainingConfig(settings, config);
        }
        else config = Resumed(settings.ResumedRun());
        if (config.Table is null)
            Console.Error.WriteLine("note: table is null: no NB201 table given (--table FILE or " +
                $"${TableLocation.Variable}), so found cells are not scored");
        return settings.Print(console, config.Resolved(), arguments);
    }

    /// <summary>
    /// A new run's settings: the preset, config file and options, the conventional table beside the checkout when
    /// <paramref name="autoTable"/> and none was given, validated.
    /// </summary>
    private static SearchConfig NewConfig(SearchSettings settings, string defaultPreset, bool autoTable)
    {
        var config = settings.BuildConfig(defaultPreset);
        if (autoTable && config.Table is null && File.Exists(ConventionalTable))
            config = config with { Table = Path.GetFullPath(ConventionalTable) };
        config.Validate();
        return config;
    }

    /// <summary>Config and run folder for a new run or a resumed one (options given with --resume must
    /// agree).</summary>
    private static (SearchConfig, RunDirectory) Prepare(SearchSettings settings, string defaultPreset, bool autoTable,
        Action<SearchConfig> check)
    {
        if (settings.Resume is null)
        {
            var config = NewConfig(settings, defaultPreset, autoTable);  // before anything is written
            Devices.Select(config.Device);
            check(config);
            return (config, settings.NewRunFolder(config.Method.Name, config.Dataset, "search"));
        }
        var (stored, run) = settings.ResumedRun("search");
        try
        {
            var resumed = Resumed((stored, run));
            check(resumed);
            SearchRun.CheckRecord(run, resumed.Resolved());  // before the data is loaded or anything is written
            return (resumed, run);
        }
        catch
        {
            run.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The settings a resumed run continues with: an older config.json's as it ran with them, not today's defaults,
    /// and its <c>folder:</c> path as it was meant (<see cref="RunRecordCheck.DatasetFor"/>).
    /// </summary>
    private static SearchConfig Resumed((SearchConfig Stored, RunDirectory Run) resumed) =>
        resumed.Stored.AsRecorded() with { Dataset = RunRecordCheck.DatasetFor(resumed.Run, resumed.Stored.Dataset) };

    private static void Summary(IAnsiConsole console, SearchConfig config, SearchResult result, Nb201Table? table)
    {
        var rows = new List<(string, string)>
        {
            ("arch", result.Arch.ToString()),
            ("skip connections", result.Arch.SkipConnectCount.ToString()),
        };
        if (result.Nb201 is { } nb)
        {
            foreach (var dataset in Nb201Datasets.All)
                if (nb.Accuracy(dataset) is { } accuracy)
                    rows.Add(($"NB201 {dataset.DisplayName()} test", $"{Output.F2(accuracy)} %"));
            if (nb.Cifar10Percentile is { } pct) rows.Add(("CIFAR-10 percentile", Output.F2(pct)));
        }
        else rows.Add(("NB201 scores", "not scored (pass --table FILE)"));
        rows.Add(("search time", LineProgress.FormatEta(TimeSpan.FromSeconds(result.SearchSeconds))));
        rows.Add(("run folder", result.RunDirectory));
        Output.Summary(console, rows);
    }
}
