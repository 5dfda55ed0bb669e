using System.Text.Json.Nodes;

namespace VpDarts.Tests.Strategies;

/// <summary>A tiny search with <c>--method darts-v2</c> through the shared search loop.</summary>
public sealed class DartsV2SearchTests() : TempFolderTests("vpdarts-darts-v2-")
{
    [Fact]
    public void SearchesPicksTheArgmaxOfAlphaAndResumesAFinishedRunWithoutTraining()
    {
        var config = TinySearch.Config(SearchMethod.Get<DartsV2Method>());
        var dir = In("search");
        var result = TinySearch.Run(config, dir);

        var run = new RunDirectory(result.RunDirectory);
        Assert.True(File.Exists(run.ResultPath));
        Assert.True(File.Exists(run.MetricsPath));
        var metrics = run.ReadSearchMetrics();
        Assert.Equal(Enumerable.Range(0, config.Epochs), metrics.Select(m => m.Epoch));
        Assert.All(metrics, m => Assert.Equal("search", m.Phase));
        Assert.All(metrics, m => Assert.NotNull(m.ValidLoss));
        var alpha = metrics[^1].Alpha!;
        var final = new float[alpha.Length, alpha[0].Length];
        for (var e = 0; e < alpha.Length; e++)
            for (var o = 0; o < alpha[e].Length; o++) final[e, o] = (float)alpha[e][o]!.Value;
        Assert.Equal(ArgmaxStrategy.Argmax(final), result.Arch);
        Assert.Equal(result.Arch.ToString(), JsonNode.Parse(File.ReadAllText(run.ResultPath))!["arch"]!.GetValue<string>());

        // A finished run resumes to the same answer without a single training step.
        var metricsText = File.ReadAllText(run.MetricsPath);
        var progress = new TestProgress();
        var again = TinySearch.Run(config, dir, progress);
        Assert.Equal(result.Arch, again.Arch);
        Assert.Equal(metricsText, File.ReadAllText(run.MetricsPath));
        Assert.DoesNotContain(progress.Phases, p => p.StartsWith("search", StringComparison.Ordinal));
    }

    [Fact]
    public void SameSeedGivesTheSameMetrics()
    {
        var a = TinySearch.Run(TinySearch.Config(SearchMethod.Get<DartsV2Method>()), In("a"));
        var b = TinySearch.Run(TinySearch.Config(SearchMethod.Get<DartsV2Method>()), In("b"));
        Assert.Equal(a.Arch, b.Arch);
        Assert.Equal(TinySearch.Metrics(a.RunDirectory), TinySearch.Metrics(b.RunDirectory));
    }
}
