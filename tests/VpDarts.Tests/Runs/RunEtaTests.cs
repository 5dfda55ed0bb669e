using Microsoft.Extensions.Time.Testing;

namespace VpDarts.Tests.Runs;

/// <summary>The whole-run ETA, on a fake clock: remaining work of every phase times its kind's measured speed.</summary>
public sealed class RunEtaTests
{
    private static PlannedPhase[] Plan() =>
    [
        new("warm-up", 4, 3), new("ablation", 30, 10), new("search", 4, 6), new("ablation", 30, 10), new("search", 4, 6), new("final selection", 30, 20),
    ];

    private static void Run(RunEta eta, FakeTimeProvider clock, int units, double secondsEach)
    {
        for (var done = 1; done <= units; done++)
        {
            clock.Advance(TimeSpan.FromSeconds(secondsEach));
            eta.Advance(done, units);
        }
    }

    [Fact]
    public void NothingMeasuredMeansNoEstimate()
    {
        var clock = new FakeTimeProvider();
        var eta = new RunEta(Plan(), clock);
        Assert.Null(eta.Remaining);
        eta.Begin("warm-up", 4);
        clock.Advance(TimeSpan.FromSeconds(5));
        Assert.Null(eta.Remaining);  // begun, but no unit done yet
    }

    [Fact]
    public void MeasuredKindsUseTheirSpeedAndTheOthersTheirPlannedCostAtTheMeasuredRate()
    {
        var clock = new FakeTimeProvider();
        var eta = new RunEta(Plan(), clock);
        eta.Begin("warm-up", 4);
        Run(eta, clock, 4, 2);
        eta.Begin("ablation");  // the count comes with the work
        for (var done = 1; done <= 10; done++)
        {
            clock.Advance(TimeSpan.FromSeconds(0.5));
            eta.Advance(done, 30);
        }
        Assert.Equal(2, eta.SecondsPerUnit("warm-up"));
        Assert.Equal(0.5, eta.SecondsPerUnit("ablation"));
        Assert.Null(eta.SecondsPerUnit("search"));

        // Unmeasured kinds: their cost per unit at the seconds per cost unit measured so far, (8 + 5) s / (4·3 + 10·10).
        var perCost = 13.0 / 112;
        var expected = 20 * 0.5 + 4 * 6 * perCost + 30 * 0.5 + 4 * 6 * perCost + 30 * 20 * perCost;
        Assert.Equal(expected, eta.Remaining!.Value.TotalSeconds, 6);

        eta.Advance(30, 30);  // the other 20 ops in no time: 5 s for 30 ops
        eta.Begin("search", 4);
        Run(eta, clock, 4, 3);
        var ablation = 5.0 / 30;
        perCost = (8 + 5 + 12) / (4.0 * 3 + 30 * 10 + 4 * 6);
        expected = 30 * ablation + 4 * 3 + 30 * 20 * perCost;
        Assert.Equal(expected, eta.Remaining!.Value.TotalSeconds, 6);
    }

    [Fact]
    public void ALaterPhaseOfAKindIsPlannedWithTheCountItsLastPhaseReported()
    {
        var clock = new FakeTimeProvider();
        var eta = new RunEta([new PlannedPhase("ablation", 30, 1), new PlannedPhase("ablation", 30, 1)], clock);
        eta.Begin("ablation");
        Run(eta, clock, 12, 1);  // this ablation had 12 candidates, not the planned 30
        Assert.Equal(12, eta.Remaining!.Value.TotalSeconds, 6);
    }

    [Fact]
    public void APlannedPhaseThatDidNotRunLeavesTheEstimate()
    {
        var clock = new FakeTimeProvider();
        var eta = new RunEta([new PlannedPhase("ablation", 30, 1), new PlannedPhase("search", 2, 1), new PlannedPhase("final selection", 3, 1)], clock);
        eta.Begin("search", 2);  // the strategy skipped the planned ablation
        Run(eta, clock, 2, 1);
        eta.Begin("final selection", 3);
        Run(eta, clock, 3, 1);
        Assert.Equal(TimeSpan.Zero, eta.Remaining);
    }

    [Fact]
    public void AResumedPhaseMeasuresOnlyTheUnitsItRan()
    {
        var clock = new FakeTimeProvider();
        var eta = new RunEta([new PlannedPhase("search", 10, 6)], clock);
        eta.Begin("search", 10, done: 4);
        clock.Advance(TimeSpan.FromSeconds(2));
        eta.Advance(6, 10);
        Assert.Equal(1, eta.SecondsPerUnit("search"));
        Assert.Equal(4, eta.Remaining!.Value.TotalSeconds, 6);
    }

    [Fact]
    public void TheTrackerReportsTheRunsEtaWithEachStepAndUnitOfWork()
    {
        var clock = new FakeTimeProvider();
        var progress = new TestProgress();
        var tracker = new ProgressTracker(progress, new RunEta([new PlannedPhase("train", 2, 3), new PlannedPhase("test", 5, 1)], clock), epochs: 1);
        tracker.Begin("train", 0, 2);
        clock.Advance(TimeSpan.FromSeconds(3));
        tracker.Step(new StepProgress("train", 0, 1, 1, 2, 0, 0, 0, null));
        Assert.Equal(3 + 5 * 1.0, progress.Steps[^1].Eta!.Value.TotalSeconds, 6);  // test batches at a third of a step's cost
        clock.Advance(TimeSpan.FromSeconds(3));
        tracker.Step(new StepProgress("train", 0, 1, 2, 2, 0, 0, 0, null));
        tracker.Begin("test", 0);
        clock.Advance(TimeSpan.FromSeconds(2));
        tracker.Advance(1, 5, "batches");
        Assert.Equal(new PhaseProgress("test", 0, 1, 1, 5, "batches", TimeSpan.FromSeconds(8)), progress.WorkReports[^1]);
        Assert.Equal(["train 0", "test 0"], progress.Phases);
    }
}
