namespace VpDarts.Tests.Reporting;

/// <summary>
/// Two real, tiny searches on <see cref="RandomSearchData"/>, run once for all reporting tests: a VP-DARTS run scored
/// against the NB201 table with a TensorBoard log attached to <see cref="SearchRun.OnEpoch"/>, and an unscored DARTS run.
/// Tests that change a run work on a <see cref="Copy"/>.
/// </summary>
public sealed class ReportingRuns : IDisposable
{
    public const int VpEpochs = 4, VpWarmup = 1, DartsEpochs = 3;

    public ReportingRuns()
    {
        Root = Path.Combine(Path.GetTempPath(), $"vpdarts-reporting-{Guid.NewGuid():N}");
        Table = Nb201Table.Load(Shared.Nb201Table);
        VpDarts = Path.Combine(Root, "vp-darts");
        Darts = Path.Combine(Root, "darts");

        using (var log = new TensorBoardLog(VpDarts))
        {
            new SearchRun(Config(SearchMethod.Get<VpDartsMethod>(), VpEpochs, VpWarmup), new RandomSearchData(), new RunDirectory(VpDarts), new SilentProgress(), Score)
            {
                OnEpoch = log.Write,
            }.Execute();
            ScalarsLogged = log.ScalarsWritten;
        }
        new SearchRun(Config(SearchMethod.Get<DartsMethod>(), DartsEpochs, 0), new RandomSearchData(), new RunDirectory(Darts), new SilentProgress()).Execute();
    }

    public string Root { get; }

    /// <summary>Finished VP-DARTS run, scored, with <c>tensorboard/</c>.</summary>
    public string VpDarts { get; }

    /// <summary>Finished DARTS run, not scored.</summary>
    public string Darts { get; }

    /// <summary>The real NB201 table.</summary>
    public Nb201Table Table { get; }

    /// <summary>Scalars the VP-DARTS run's TensorBoard log wrote.</summary>
    public int ScalarsLogged { get; }

    private static SearchConfig Config(SearchMethod method, int epochs, int warmup) => new()
    {
        Method = method, Epochs = epochs, Warmup = warmup, Layers = 1, Channels = 4, BatchSize = 16, EvalBatchSize = 32, Threads = 1,
    };

    private Nb201Record? Score(Genotype cell) => Table.TryGet(cell, out var s)
        ? new Nb201Record { Cifar10Test = s.Cifar10, Cifar100Test = s.Cifar100, ImageNet16_120Test = s.ImageNet16_120 }
        : null;

    /// <summary>A copy of a run's files (not its checkpoints) in a fresh folder.</summary>
    public string Copy(string run)
    {
        var copy = Path.Combine(Root, $"copy-{Guid.NewGuid():N}");
        Directory.CreateDirectory(copy);
        foreach (var file in Directory.GetFiles(run)) File.Copy(file, Path.Combine(copy, Path.GetFileName(file)));
        return copy;
    }

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}

[CollectionDefinition(Name)]
public sealed class ReportingCollection : ICollectionFixture<ReportingRuns>
{
    public const string Name = "reporting runs";
}
