namespace VpDarts.Tests.Search;

/// <summary>A search reports every phase's steps, and one ETA that counts the phases still ahead.</summary>
public sealed class SearchProgressTests() : TempFolderTests("vpdarts-progress-")
{
    [Fact]
    public void AblationsAndTheFinalSelectionCountTheirWorkAndTheEtaCoversTheWholeRun()
    {
        var progress = new TestProgress();
        TinySearch.Run(TinySearch.Config() with { Epochs = 2 }, In("run"), progress);

        // One warm-up epoch, then a search epoch that starts with an ablation.
        var ablations = progress.WorkReports.Where(w => w.Phase == "ablation").GroupBy(w => w.Epoch).ToList();
        Assert.Equal([1], ablations.Select(a => a.Key));
        Assert.All(ablations, a => Assert.Equal((a.Last().Total, "passes"), (a.Last().Done, a.Last().Unit)));
        var final = progress.WorkReports.Where(w => w.Phase == "final selection").ToList();
        Assert.True(final.Count > 1);
        Assert.Equal(final[^1].Total, final[^1].Done);
        Assert.Equal(TimeSpan.Zero, final[^1].Eta);

        // From the first step on there is an estimate, and it includes the phases after the current one.
        Assert.All(progress.Steps, s => Assert.NotNull(s.Eta));
        Assert.True(progress.Steps.Last(s => s.Phase == "warm-up").Eta > TimeSpan.Zero);
        Assert.True(progress.Steps.Last(s => s.Phase == "search").Eta > TimeSpan.Zero);  // the final selection is still ahead
    }
}
