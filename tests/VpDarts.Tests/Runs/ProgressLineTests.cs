using Microsoft.Extensions.Time.Testing;

namespace VpDarts.Tests.Runs;

/// <summary>Progress lines: the ETA early and kept when the line is cut, and logs throttled to phase ends and intervals.</summary>
public sealed class ProgressLineTests
{
    [Fact]
    public void APhaseLineReadsEpochPhaseCountAndEta()
    {
        var line = ProgressLine.Of(new PhaseProgress("ablation", 2, 19, 12, 30, "ops", TimeSpan.FromSeconds(252)));
        Assert.Equal("ep 3/19 ablation 12/30 ops eta 4:12", line);
        Assert.EndsWith("eta ?", ProgressLine.Of(new PhaseProgress("ablation", 2, 19, 12, 30, "ops", null)));
    }

    [Fact]
    public void ANarrowTerminalCutsTheTailNeverTheEta()
    {
        var step = new StepProgress("warm-up", 199, 200, 12345, 12500, 123456, 1.23456, 45.6, TimeSpan.FromHours(12.5));
        var (head, tail) = ProgressLine.Of(step, ProgressLine.Bar(12345, 12500, 10));
        var fitted = ProgressLine.Fit(head, tail, 79);
        Assert.True(fitted.Length <= 79, fitted);
        Assert.Contains("eta 12:30:00", fitted);
        Assert.StartsWith(head + " | loss 1.235", fitted);
        Assert.EndsWith("…", ProgressLine.Fit(head, tail, head.Length + 8));
        Assert.Equal(head + " | " + tail, ProgressLine.Fit(head, tail, 500));
    }

    [Fact]
    public void ALogGetsAPhasesEndAndAtMostOneLinePerInterval()
    {
        var clock = new FakeTimeProvider();
        var log = new StringWriter();
        var progress = new LineProgress(log, clock) { StepEvery = TimeSpan.FromSeconds(10) };
        progress.Phase("search", 0, 2);
        for (var step = 1; step <= 25; step++)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            progress.Step(new StepProgress("search", 0, 2, step, 25, 100, 1, 50, TimeSpan.FromSeconds(25 - step)));
        }
        progress.Phase("ablation", 1, 2);
        for (var op = 1; op <= 30; op++) progress.Work(new PhaseProgress("ablation", 1, 2, op, 30, "ops", null));

        var lines = log.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(
        [
            "[epoch 1/2] search",
            "ep 1/2 search 10/25 eta 0:15 | loss 1.000 acc 50.0% 100 img/s",
            "ep 1/2 search 20/25 eta 0:05 | loss 1.000 acc 50.0% 100 img/s",
            "ep 1/2 search 25/25 eta 0:00 | loss 1.000 acc 50.0% 100 img/s",
            "[epoch 2/2] ablation",
            "ep 2/2 ablation 30/30 ops eta ?",
        ], lines);
    }
}
