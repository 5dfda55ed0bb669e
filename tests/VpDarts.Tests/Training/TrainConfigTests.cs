using VpDarts.Tests.Data;

namespace VpDarts.Tests.Training;

public sealed class TrainConfigTests
{
    private const string BestCell = "|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|skip_connect~0|nor_conv_3x3~1|nor_conv_3x3~2|";

    [Fact]
    public void DefaultsAreTheNb201ProtocolAndEveryPresetIsValid()
    {
        var paper = TrainPresets.Get("paper");
        Assert.Equal((5, 16, 200, 256, 0.1, 0.0, 0.9, true, 5e-4, "cifar10"),
            (paper.Layers, paper.Channels, paper.Epochs, paper.BatchSize, paper.Lr, paper.LrMin, paper.Momentum, paper.Nesterov, paper.WeightDecay, paper.Dataset));
        foreach (var name in TrainPresets.Names)
            (TrainPresets.Get(name) with { Arch = BestCell }).Validate();
        var cpu = TrainPresets.Get("cpu");
        Assert.Equal((2, 16, 10, 10_000, 128), (cpu.Layers, cpu.Channels, cpu.Epochs, cpu.TrainLimit, cpu.BatchSize));
        Assert.Contains("--preset", Assert.Throws<UserInputException>(() => TrainPresets.Get("huge")).Message);
    }

    [Fact]
    public void ValidationNamesTheOption()
    {
        var ok = new TrainConfig { Arch = BestCell };
        var e = Assert.Throws<UserInputException>(() => (ok with { Arch = "|avg_pool_3x3~0|+|none~0|none~1|+|none~0|none~1|none~1|" }).Validate());
        Assert.Equal("--arch: node 3 group '|none~0|none~1|none~1|', input 2: node index '1' should be 2", e.Message);
        Assert.StartsWith("--batch-size:", Assert.Throws<UserInputException>(() => (ok with { BatchSize = 0 }).Validate()).Message);
        Assert.StartsWith("--train-limit:", Assert.Throws<UserInputException>(() => (ok with { TrainLimit = -5 }).Validate()).Message);
        Assert.StartsWith("--lr-min:", Assert.Throws<UserInputException>(() => (ok with { LrMin = 1 }).Validate()).Message);
        Assert.StartsWith("--momentum:", Assert.Throws<UserInputException>(() => (ok with { Momentum = 1.5 }).Validate()).Message);
    }

    [Fact]
    public void ConfigFilesOverlayStrictlyAndDifferencesAreListed()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.In("a.json"), "{ \"epochs\": 3, \"train_limit\": 500, // comment\n }");
        var config = SettingsFile<TrainConfig>.Overlay(TrainPresets.Get("cpu"), dir.In("a.json"));
        Assert.Equal((3, 500, 2), (config.Epochs, config.TrainLimit, config.Layers));
        Assert.Equal(["epochs: 10 → 3", "train_limit: 10000 → 500"], SettingsFile<TrainConfig>.Differences(TrainPresets.Get("cpu"), config));

        File.WriteAllText(dir.In("b.json"), "{ \"epoch\": 3 }");
        var unknown = Assert.Throws<UserInputException>(() => SettingsFile<TrainConfig>.Overlay(config, dir.In("b.json")));
        Assert.Contains(dir.In("b.json"), unknown.Message);
        Assert.Contains("epoch", unknown.Message);
        File.WriteAllText(dir.In("c.json"), "{ \"nesterov\": \"yes\" }");
        Assert.Contains("key 'nesterov' expects true or false", Assert.Throws<UserInputException>(() => SettingsFile<TrainConfig>.Load(dir.In("c.json"))).Message);
    }
}
