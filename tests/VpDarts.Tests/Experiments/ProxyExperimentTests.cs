namespace VpDarts.Tests.Experiments;

public sealed class ProxyExperimentTests() : TempFolderTests("vpdarts-proxy-experiment-")
{
    private static readonly ProxyExperimentConfig Config = new()
    {
        Sample = 4, Seed = 3, InitSeed = 3, Dataset = "demo", BatchSize = 8, Channels = 2, Layers = 1,
        Proxies = ["snip", "nwot", "params"],
    };

    private DatasetSearchData Data() => DatasetSearchData.Load("demo",
        new DataOptions { DataDirectory = In("d"), CacheDirectory = In("cache"), DecodeThreads = 1 }, 3, null, null);

    private IReadOnlyList<ProxyScoreLine> Run(string folder, ProxyExperimentConfig config)
    {
        using var data = Data();
        return ProxyExperiment.Run(folder, config, data, _ => { }, CancellationToken.None);
    }

    private static string[] Scores(IEnumerable<ProxyScoreLine> lines) =>
        lines.Select(l => l.Arch + ":" + string.Join(",", l.Scores.Select(s => $"{s.Key}={s.Value:R}"))).ToArray();

    [Fact]
    public void AFinishedExperimentIsReadBackAndACutLineIsScoredAgainToTheSameValues()
    {
        var folder = In("exp");
        var first = Run(folder, Config);
        Assert.Equal(CellSample.Draw(4, 3).Select(c => c.ToString()), first.Select(l => l.Arch));
        var scores = Path.Combine(folder, ProxyExperiment.ScoresFile);
        var whole = File.ReadAllText(scores);
        Assert.Equal(Scores(first), Scores(Run(folder, Config)));
        Assert.Equal(whole, File.ReadAllText(scores));  // nothing scored again

        File.WriteAllText(scores, whole[..(whole.Length - 10)]);  // killed while writing the last line
        var resumed = Run(folder, Config);
        Assert.Equal(Scores(first), Scores(resumed));
        Assert.Equal(4, File.ReadAllLines(scores).Length);
    }

    [Fact]
    public void OtherSettingsInTheFolderAreRefusedNamingTheKey()
    {
        var folder = In("exp");
        Run(folder, Config with { Sample = 2 });
        var before = File.ReadAllText(Path.Combine(folder, ProxyExperiment.ScoresFile));
        var e = Assert.Throws<UserInputException>(() => Run(folder, Config with { Sample = 2, BatchSize = 16 }));
        Assert.Contains("batch_size: 8 → 16", e.Message);
        Assert.Equal(before, File.ReadAllText(Path.Combine(folder, ProxyExperiment.ScoresFile)));
    }

    [Fact]
    public void AFolderItDidNotMakeIsRefusedAndLeftAlone()
    {
        var folder = In("mine");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "notes.txt"), "keep");
        var e = Assert.Throws<UserInputException>(() => Run(folder, Config));
        Assert.Contains("no config.json", e.Message);
        Assert.Equal(["notes.txt"], Directory.GetFiles(folder).Select(Path.GetFileName));
    }

    [Fact]
    public void AnEditedLineIsRefusedNamingItsNumber()
    {
        var folder = In("exp");
        Run(folder, Config with { Sample = 2 });
        var scores = Path.Combine(folder, ProxyExperiment.ScoresFile);
        var lines = File.ReadAllLines(scores);
        var other = CellSample.Draw(3, 3)[2].ToString();
        lines[1] = lines[1].Replace(CellSample.Draw(2, 3)[1].ToString(), other, StringComparison.Ordinal);
        File.WriteAllLines(scores, lines);
        var e = Assert.Throws<UserInputException>(() => ProxyExperiment.Read(folder));
        Assert.Contains("line 2", e.Message);
        Assert.Contains(other, e.Message);
    }
}
