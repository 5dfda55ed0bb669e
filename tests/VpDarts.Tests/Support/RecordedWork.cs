namespace VpDarts.Tests.Support;

/// <summary>Keeps every report of work done, in order.</summary>
public sealed class RecordedWork : IWorkProgress
{
    /// <summary>Every report as (done, total, unit).</summary>
    public List<(int Done, int Total, string Unit)> Reports { get; } = [];

    public void Advance(int done, int total, string unit) => Reports.Add((done, total, unit));

    /// <summary>Asserts that the counts only grow, never pass the total, and end at it.</summary>
    public void AssertCountsUpToTheTotal()
    {
        Assert.NotEmpty(Reports);
        for (var i = 1; i < Reports.Count; i++) Assert.True(Reports[i].Done >= Reports[i - 1].Done, $"report {i} went back");
        Assert.All(Reports, r => Assert.InRange(r.Done, 0, r.Total));
        Assert.Equal(Reports[^1].Total, Reports[^1].Done);
        Assert.All(Reports, r => Assert.False(string.IsNullOrEmpty(r.Unit)));
    }
}
