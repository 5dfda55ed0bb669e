using static VpDarts.Tests.Support.TinySearch;

namespace VpDarts.Tests.Strategies;

/// <summary>
/// A tiny GDAS search end to end: every epoch searches, the cell is the argmax of the final α, and the noise drawn per
/// pass replays, from the seed and across a stop inside an epoch.
/// </summary>
public sealed class GdasSearchTests() : TempFolderTests("vpdarts-gdas-")
{
    private static SearchConfig Gdas => Config(SearchMethod.Get<GdasMethod>());

    [Fact]
    public void SearchesEveryEpochAndPicksTheArgmaxOfTheFinalAlpha()
    {
        var result = Run(Gdas, In("run"));
        var run = new RunDirectory(result.RunDirectory);
        var metrics = run.ReadSearchMetrics();
        Assert.Equal(4, metrics.Count);
        Assert.All(metrics, m => Assert.Equal("search", m.Phase));

        // The final α as the last checkpoint holds it, its largest entry per edge found here.
        var strategy = MethodModule.StrategyFor(Gdas);
        using var net = StrategyFactory.NewSupernet(Gdas, strategy, 3, 4);
        var initial = net.AlphaValues();
        Assert.Equal(4, Checkpoints.LoadModel(Checkpoints.List(run.CheckpointsPath)[0], net).EpochsDone);
        var alpha = net.AlphaValues();
        var ops = Enumerable.Range(0, CellTopology.EdgeCount)
            .Select(e => (Operation)Enumerable.Range(0, Operations.Count).MaxBy(o => alpha[e, o]))
            .ToArray();
        Assert.Equal(new Genotype(ops), result.Arch);
        Assert.NotEqual(initial.Cast<float>(), alpha.Cast<float>());

        Run(Gdas, In("again"));
        Assert.Equal(Metrics(run.Root), Metrics(In("again")));
    }

    [Fact]
    public void AStopInsideAnEpochResumesToTheSameSearch()
    {
        var whole = Run(Gdas, In("whole"));
        var dir = In("stopped");
        var stop = TestProgress.CancelAfterStep(2, 1);  // the third epoch, after its first step
        Assert.Throws<OperationCanceledException>(() => Run(Gdas, dir, stop, stop.Token));
        Assert.Contains(Checkpoints.List(Path.Combine(dir, "checkpoints")), c => c.EndsWith("epoch-0002-step-00001", StringComparison.Ordinal));

        var progress = new TestProgress();
        var resumed = Run(Gdas, dir, progress);
        Assert.Contains(progress.Notes, n => n.Contains("in epoch 3 after step 1"));
        Assert.Equal(whole.Arch, resumed.Arch);
        Assert.Equal(Metrics(whole.RunDirectory), Metrics(dir));
    }
}
