namespace VpDarts.Tests.Strategies;

/// <summary>Tiny DrNAS searches end to end on random data.</summary>
public sealed class DrNasSearchTests() : TempFolderTests("vpdarts-drnas-")
{
    private static Genotype ArgmaxOf(double?[][] alpha)
    {
        var values = EdgeMatrix.ToArray(alpha);
        var single = new float[values.GetLength(0), values.GetLength(1)];
        for (var e = 0; e < values.GetLength(0); e++)
            for (var o = 0; o < values.GetLength(1); o++)
                single[e, o] = (float)values[e, o];
        return ArgmaxStrategy.Argmax(single);
    }

    [Fact]
    public void SearchesEveryEpochPicksTheArgmaxOfAlphaAndRepeatsWithTheSameSeed()
    {
        var config = TinySearch.Config(SearchMethod.Get<DrNasMethod>());
        var first = TinySearch.Run(config, In("first"));
        var metrics = new RunDirectory(first.RunDirectory).ReadSearchMetrics();

        Assert.Equal(config.Epochs, metrics.Count);
        Assert.All(metrics, m => Assert.Equal("search", m.Phase));
        Assert.All(metrics, m => Assert.NotNull(m.ValidLoss));
        Assert.Equal(ArgmaxOf(metrics[^1].Alpha!), first.Arch);
        Assert.Equal(first.Arch.ToString(), metrics[^1].Arch);
        Assert.NotEqual(metrics[0].Alpha!.Select(MetricsText.Of), metrics[^1].Alpha!.Select(MetricsText.Of));

        var second = TinySearch.Run(config, In("second"));
        Assert.Equal(first.Arch, second.Arch);
        Assert.Equal(TinySearch.Metrics(first.RunDirectory), TinySearch.Metrics(second.RunDirectory));
    }

    [Fact]
    public void StoppingInsideAnEpochResumesToTheSameSearch()
    {
        var config = TinySearch.Config(SearchMethod.Get<DrNasMethod>());
        var whole = TinySearch.Run(config, In("whole"));
        var dir = In("stopped");
        var stop = TestProgress.CancelAfterStep(1, 2);
        Assert.Throws<OperationCanceledException>(() => TinySearch.Run(config, dir, stop, stop.Token));

        var resumed = TinySearch.Run(config, dir);
        Assert.Equal(whole.Arch, resumed.Arch);
        Assert.Equal(TinySearch.Metrics(whole.RunDirectory), TinySearch.Metrics(dir));
    }

    [Fact]
    public void SearchesWithTheKlRegularizer()
    {
        var config = TinySearch.Config(SearchMethod.Get<DrNasMethod>()) with { DirichletRegularizer = DirichletRegularizer.Kl };
        var result = TinySearch.Run(config, In("kl"));
        var metrics = new RunDirectory(result.RunDirectory).ReadSearchMetrics();
        Assert.Equal(config.Epochs, metrics.Count);
        Assert.Equal(ArgmaxOf(metrics[^1].Alpha!), result.Arch);
        Assert.NotEqual(TinySearch.Metrics(In("kl")), TinySearch.Metrics(TinySearch.Run(TinySearch.Config(SearchMethod.Get<DrNasMethod>()), In("l2")).RunDirectory));
    }
}
