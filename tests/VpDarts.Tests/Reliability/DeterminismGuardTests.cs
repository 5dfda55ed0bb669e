using System.Diagnostics;
using Xunit.Abstractions;

namespace VpDarts.Tests.Reliability;

/// <summary>
/// The same inputs give the same bits, every time, in one process and across processes, while a GC-stress thread
/// forces collections and finalizer runs back to back and other work loads the cores. A torch object handed to
/// libtorch without an owner is freed by the finalizer mid-call under this stress (docs/RELIABILITY.md, "The finalizer
/// race"); so is any other nondeterminism — a kernel reading memory it never wrote, a race between threads — likely
/// to show as a difference here.
/// </summary>
public sealed class DeterminismGuardTests(ITestOutputHelper output) : TempFolderTests("vpdarts-determinism-")
{
    private const int GoldenRepeats = 20;

    [Fact]
    public void GoldenComparisonsRepeatBitIdenticallyUnderGcStress()
    {
        foreach (var (prefix, channels) in GoldenSupernet.Cases)
        {
            var expected = GoldenSupernet.Expected(prefix);
            var reference = GoldenSupernet.Compute(prefix, channels);
            foreach (var name in GoldenSupernet.Outputs)
                Assert.True(GoldenSupernet.RelativeError(expected[name], reference[name]) <= 1e-5, $"{prefix} {name} differs from PyTorch");

            using var stress = GcStress.Start();
            for (var i = 0; i < GoldenRepeats; i++)
            {
                var again = GoldenSupernet.Compute(prefix, channels);
                foreach (var name in GoldenSupernet.Outputs)
                    Assert.True(SameBits(reference[name], again[name]), $"{prefix} {name}: repeat {i + 1} differs from the first computation");
            }
            output.WriteLine($"{prefix}: {GoldenRepeats} repeats identical under {stress.Collections} forced collections");
        }
    }

    [Theory]
    [InlineData(ImportanceCriterion.ValidAccuracyRacing)]
    [InlineData(ImportanceCriterion.ValidAccuracyScreening)]
    public void AblationEstimatorsRepeatBitIdenticallyUnderGcStress(ImportanceCriterion importance)
    {
        // The process test below covers the exact ablation; these two estimators have their own torch code.
        var config = new SearchConfig
        {
            Method = SearchMethod.Get<VpDartsMethod>(), Importance = importance, Epochs = 3, Warmup = 1, Layers = 1, Channels = 4, BatchSize = 32,
            EvalBatchSize = 64, Threads = 1, Seed = 11, Dataset = "random",
        };
        // Images large enough that each native call lasts long enough for a forced collection to land inside it.
        string Search(string name) => RunFingerprint.Of(new SearchRun(config, new RandomSearchData(train: 96, valid: 64, size: 16),
            new RunDirectory(In(name)), new SilentProgress()).Execute().RunDirectory);

        var reference = Search("plain");
        using var stress = GcStress.Start();
        Assert.Equal(reference, Search("stressed"));
        output.WriteLine($"{OptionNames.Name(importance)}: identical under {stress.Collections} forced collections");
    }

    [Fact]
    public void SearchesTrainingAndGoldenPassesLeaveNoTensorToTheFinalizer()
    {
        var config = new SearchConfig
        {
            Method = SearchMethod.Get<VpDartsMethod>(), Importance = ImportanceCriterion.ValidAccuracyScreening, Epochs = 3, Warmup = 1, Layers = 1, Channels = 4,
            BatchSize = 16, EvalBatchSize = 32, Threads = 1, Seed = 3, Dataset = "random",
        };
        var before = FinalizerProbe.TensorsFinalized();
        foreach (var (method, importance) in new (SearchMethod, ImportanceCriterion)[] { (SearchMethod.Get<VpDartsMethod>(), ImportanceCriterion.ValidAccuracyScreening), (SearchMethod.Get<VpDartsMethod>(), ImportanceCriterion.ValidAccuracyRacing), (SearchMethod.Get<DartsMethod>(), ImportanceCriterion.ValidAccuracy) })
            new SearchRun(config with { Method = method, Importance = importance }, new RandomSearchData(),
                new RunDirectory(In($"{method}-{importance}")), new SilentProgress()).Execute();
        GoldenSupernet.Compute(GoldenSupernet.Cases[0].Prefix, GoldenSupernet.Cases[0].InputChannels);
        var train = TrainPresets.Get("demo") with
        {
            Arch = "|nor_conv_3x3~0|+|skip_connect~0|avg_pool_3x3~1|+|nor_conv_1x1~0|none~1|nor_conv_3x3~2|",
            Epochs = 1, TrainLimit = 128, Channels = 4, Threads = 1,
        };
        using (var data = TrainData.Load(train))
            new TrainRun(train, data, new RunDirectory(In("train")), new SilentProgress()).Execute();
        Assert.Equal(0, FinalizerProbe.TensorsFinalized() - before);
    }

    [Fact]
    public void TinySearchesInConcurrentProcessesAgreeBitForBit()
    {
        // Four processes on two cores, two of them with the GC stress on: the machine is loaded throughout.
        var runs = Enumerable.Range(0, 4).Select(i => (Folder: In($"process-{i}"), Stress: i % 2 == 1)).ToList();
        var processes = runs.Select(r => StartSearch(r.Folder, r.Stress)).ToList();
        foreach (var (process, stderr) in processes)
        {
            Assert.True(process.WaitForExit(TimeSpan.FromMinutes(10)), "a search did not finish");
            Assert.True(process.ExitCode == 0, $"a search failed: {stderr}");
        }
        var reference = RunFingerprint.Of(runs[0].Folder);
        foreach (var run in runs.Skip(1)) Assert.Equal(reference, RunFingerprint.Of(run.Folder));
    }

    private static (Process Process, System.Text.StringBuilder Stderr) StartSearch(string folder, bool stress)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { Path.Combine(AppContext.BaseDirectory, "VpDarts.Cli.dll"), "search", "--preset", "tiny", "--dataset", "demo",
                     "--seed", "1", "--threads", "1", "--out", folder })
            start.ArgumentList.Add(a);
        start.Environment.Remove("VPDARTS_NB201_TABLE");
        if (stress) start.Environment[GcStress.Variable] = "1";
        else start.Environment.Remove(GcStress.Variable);
        var stderr = new System.Text.StringBuilder();
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { lock (stderr) stderr.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return (process, stderr);
    }

    private static bool SameBits(float[] a, float[] b) =>
        a.Length == b.Length && a.Select(BitConverter.SingleToInt32Bits).SequenceEqual(b.Select(BitConverter.SingleToInt32Bits));
}
