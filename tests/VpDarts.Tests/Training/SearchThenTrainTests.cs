using System.Text.Json.Nodes;
using VpDarts.Tests.Cli;

namespace VpDarts.Tests.Training;

/// <summary><c>vpdarts search --then-train</c>: the found cell is trained into the search's run folder.</summary>
public sealed class SearchThenTrainTests() : TempFolderTests("vpdarts-cli-then-train-")
{
    [Fact]
    public void TheFoundCellIsTrainedIntoRunDirTrain()
    {
        var outDir = In("demo");
        var trainConfig = In("train.json");
        File.WriteAllText(trainConfig, "{ \"epochs\": 1, \"channels\": 4, \"train_limit\": 300 }");
        var result = CliHarness.Succeeds([.. CliHarness.TinyDemo, "--train-limit", "200", "--valid-limit", "100", "--seed", "4", "--out", outDir,
            "--then-train", "--train-preset", "demo", "--train-config", trainConfig]);
        var arch = JsonNode.Parse(File.ReadAllText(Path.Combine(outDir, "result.json")))!["arch"]!.GetValue<string>();
        var train = Path.Combine(outDir, "train");
        var config = JsonNode.Parse(File.ReadAllText(Path.Combine(train, "config.json")))!;
        Assert.Equal((arch, "demo", 4, 1, 1, 4), (config["arch"]!.GetValue<string>(), config["dataset"]!.GetValue<string>(),
            config["seed"]!.GetValue<int>(), config["threads"]!.GetValue<int>(), config["epochs"]!.GetValue<int>(), config["channels"]!.GetValue<int>()));
        Assert.Equal(arch, ModelExport.ReadInfo(Path.Combine(train, "model")).Arch);
        Assert.Contains($"model folder: {Path.Combine(train, "model")}", result.Out);
    }

    [Theory]
    [InlineData("--train-preset", "--train-preset", "demo")]
    [InlineData("--train-preset", "--then-train", "--train-preset", "huge")]
    [InlineData("/no/such/train.json", "--then-train", "--train-config", "/no/such/train.json")]
    [InlineData("--then-train: --epochs", "--then-train", "--train-config", "EPOCHS_ZERO")]
    public void TrainingProblemsFailBeforeTheSearch(string named, params string[] options)
    {
        var outDir = In("bad");
        var zero = In("zero.json");
        File.WriteAllText(zero, "{ \"epochs\": 0 }");
        var result = CliHarness.Run(["search", "--preset", "demo", "--out", outDir, .. options.Select(o => o == "EPOCHS_ZERO" ? zero : o)]);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(named, Assert.Single(result.ErrLines));
        Assert.False(Directory.Exists(outDir), "nothing may be written before the training settings are known to be good");
    }
}
