using System.Text.Json.Nodes;
using VpDarts.Tests.Cli;

namespace VpDarts.Tests.Training;

/// <summary><c>vpdarts train</c> in-process: help, bad input before any write, a real run end to end, refused resume.</summary>
[Collection(TrainCollection.Name)]
public sealed class TrainCommandTests(TrainFixture fixture) : TempFolderTests("vpdarts-cli-train-")
{
    [Fact]
    public void HelpListsEveryOptionWithItsDefault()
    {
        var help = CliHarness.Run("train", "--help");
        Assert.Equal(0, help.ExitCode);
        foreach (var option in new[] { "--arch", "--dataset", "--data-dir", "--layers", "--channels", "--epochs", "--batch-size", "--train-limit",
                     "--seed", "--threads", "--device", "--out", "--resume", "--preset", "--config", "--lr", "--weight-decay" })
            Assert.Contains(option, help.Out);
        foreach (var line in help.Out.Split('\n').Where(l => l.TrimStart().StartsWith("--epochs") || l.TrimStart().StartsWith("--lr ")))
            Assert.Contains("[default:", line);
        var top = CliHarness.Run("--help");
        Assert.Contains("train", top.Out);
        Assert.Contains("predict", top.Out);
        Assert.Equal(0, CliHarness.Run("predict", "--help").ExitCode);
    }

    public static TheoryData<string[], string> BadInputs() => new()
    {
        { ["--arch", "|conv_5x5~0|+|none~0|none~1|+|none~0|none~1|none~2|"], "--arch: node 1 group '|conv_5x5~0|', input 0: unknown operation 'conv_5x5'" },
        { ["--arch", "|nor_conv_3x3~0|+|none~0|"], "--arch: arch string has 2 node groups" },
        { [], "--arch: required" },
        { ["--arch", TrainFixture.BestCell, "--epochs", "0"], "--epochs" },
        { ["--arch", TrainFixture.BestCell, "--lr", "-1"], "--lr" },
        { ["--arch", TrainFixture.BestCell, "--preset", "huge"], "--preset" },
        { ["--arch", TrainFixture.BestCell, "--dataset", "imagenet-1k"], "--dataset" },
        { ["--arch", TrainFixture.BestCell, "--config", "/no/such/train.json"], "/no/such/train.json" },
        { ["--arch", TrainFixture.BestCell, "--device", "tpu"], "--device" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public void BadInputFailsBeforeAnyWriteWithOneLine(string[] options, string named)
    {
        var outDir = In("run");
        var result = CliHarness.Run(["train", "--out", outDir, .. options]);
        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("error:", Assert.Single(result.ErrLines));
        Assert.Contains(named, result.Err);
        Assert.False(Directory.Exists(outDir), "nothing may be written for a bad command line");
    }

    [Fact]
    public void TrainsEvaluatesExportsAndRefusesAResumeWithOtherSettings()
    {
        var outDir = In("cli");
        var result = CliHarness.Succeeds("train", "--arch", TrainFixture.BestCell, "--dataset", fixture.Dataset, "--data-dir", TrainFixture.DataDir,
            "--layers", "1", "--channels", "4", "--epochs", "1", "--batch-size", "50", "--train-limit", "200", "--eval-batch-size", "500",
            "--threads", "1", "--seed", "2", "--out", outDir);
        Assert.DoesNotContain('\u001b', result.Out);
        var lines = result.Out.Split('\n');
        Assert.Contains(lines, l => l.StartsWith("data: ") && l.Contains("200 training / 10000 test images, 10 classes"));
        Assert.Contains(lines, l => l.StartsWith("epoch 1/1: train loss "));
        Assert.Contains(lines, l => l.StartsWith("test accuracy: ") && l.EndsWith("% (10000 images)"));
        Assert.Contains(lines, l => l.StartsWith("parameters: "));
        Assert.Contains(lines, l => l == $"model folder: {Path.Combine(outDir, "model")}");
        Assert.Contains(lines, l => l == $"report: {Path.Combine(outDir, "report.md")}");

        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(outDir, "result.json")))!;
        Assert.Equal(10000, json["test_images"]!.GetValue<int>());
        var info = ModelExport.ReadInfo(Path.Combine(outDir, "model"));
        Assert.Equal(TrainFixture.BestCell, info.Arch);
        Assert.True(File.Exists(Path.Combine(outDir, "model", OnnxExport.FileName)), "train writes model.onnx beside model.safetensors");
        Assert.Contains($"parameters: {info.ParameterCount:N0}", result.Out);
        Assert.True(File.Exists(Path.Combine(outDir, "figures", "curves.png")));
        Assert.Equal("svg", System.Xml.Linq.XDocument.Load(Path.Combine(outDir, "figures", "curves.svg")).Root!.Name.LocalName);
        var events = TensorBoardEvents.Summaries(Path.Combine(outDir, "tensorboard"));
        foreach (var tag in new[] { "loss/train", "accuracy/train", "lr" })
            Assert.Equal(1L, TensorBoardEvents.Step(Assert.Single(events, e => TensorBoardEvents.Has(e, tag))));
        Assert.Contains("# Training report", File.ReadAllText(Path.Combine(outDir, "report.md")));
        Assert.Equal(0, CliHarness.Run("report", outDir).ExitCode);

        var refused = CliHarness.Run("train", "--resume", outDir, "--epochs", "3");
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("epochs: 1 → 3", Assert.Single(refused.ErrLines));
    }

    [Theory]
    [InlineData("{\"method\": \"vp-darts\", \"epochs\": 4}", "search")]
    [InlineData("{\"arch\": \"" + TrainFixture.BestCell + "\", \"epochs\": 4}", "train")]
    public void ANewTrainRunInAFolderHoldingARunNamesTheCommandOfThatRunToResumeIt(string config, string command)
    {
        var folder = In("held run");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, RunDirectory.MarkerFile), "");
        File.WriteAllText(Path.Combine(folder, "config.json"), config);

        var result = CliHarness.Run("train", "--arch", TrainFixture.BestCell, "--dataset", "demo", "--preset", "tiny", "--out", folder);
        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Equal($"error: --out {folder}: already holds a run; continue it with 'vpdarts {command} --resume '{folder}'', or add --force to replace it",
                     Assert.Single(result.ErrLines));
    }
}
