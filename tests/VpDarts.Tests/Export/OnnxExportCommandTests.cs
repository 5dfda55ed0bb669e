using VpDarts.Tests.Cli;
using VpDarts.Tests.Data;
using VpDarts.Tests.Training;
using static TorchSharp.torch;

namespace VpDarts.Tests.Export;

/// <summary><c>vpdarts export --onnx</c> on the trained tiny run: the file it writes, and its one-line errors.</summary>
[Collection(TrainCollection.Name)]
public sealed class OnnxExportCommandTests(TrainFixture fixture)
{
    [Fact]
    public void ExportsTheTrainedNetworkThatOnnxRuntimeRunsLikeTorchSharp()
    {
        using var dir = new TempDir();
        var file = dir.In("deploy", "cell.onnx");
        var result = CliHarness.Succeeds("export", fixture.TinyRun.RunDirectory, "--onnx", "--out", file);
        Assert.StartsWith($"wrote {file}: ONNX opset 17", result.Out);

        // Real test images, normalised as predict does, through both runtimes.
        using var model = ModelExport.Load(fixture.TinyRun.ModelDirectory);
        using var scope = NewDisposeScope();
        var rows = fixture.TestRows[..8];
        var images = Augment.Normalize(fixture.Test.Images.index_select(0, tensor(rows)), fixture.Test.Mean, fixture.Test.Std).contiguous();
        var values = images.data<float>().ToArray();
        var (logits, _) = OnnxRunner.Run(file, values, images.shape);
        var difference = OnnxRunner.RelativeDifference(logits, OnnxRunner.TorchLogits(model.Network, values, images.shape));
        Assert.True(difference <= 1e-5, $"max |diff| / max |logit| = {difference:E2}");
        Assert.Equal(model.Info.Arch, OnnxRunner.Metadata(file)["arch"]);

        // An existing file is kept unless --force; the safetensors path names the same model.
        var before = File.ReadAllBytes(file);
        File.WriteAllText(file, "old");
        var refused = CliHarness.Run("export", fixture.TinyRun.ModelDirectory, "--onnx", "--out", file);
        Assert.Equal(2, refused.ExitCode);
        Assert.Equal($"error: --out: {file} exists; add --force to replace it", Assert.Single(refused.ErrLines));
        Assert.Equal("old", File.ReadAllText(file));
        CliHarness.Succeeds("export", Path.Combine(fixture.TinyRun.ModelDirectory, ModelExport.SafetensorsFile), "--onnx", "--out", file, "--force");
        Assert.Equal(before, File.ReadAllBytes(file));
        Assert.Equal(["cell.onnx"], dir.Files("deploy"));
    }

    public static TheoryData<string, string> BadModels() => new()
    {
        { "missing", "not found" },
        { "empty", "no model.json here or in model/" },
        { "notes.txt", "not a model.safetensors file" },
        { "broken", "model.json" },
    };

    [Theory]
    [MemberData(nameof(BadModels))]
    public void AMissingOrInvalidModelFailsWithOneLineAndWritesNothing(string name, string message)
    {
        using var dir = new TempDir();
        Directory.CreateDirectory(dir.In("empty"));
        File.WriteAllText(dir.In("notes.txt"), "not a model");
        Directory.CreateDirectory(dir.In("broken"));
        File.WriteAllText(dir.In("broken", ModelExport.InfoFile), "{ \"format\": ");
        var before = dir.Entries();
        var result = CliHarness.Run("export", dir.In(name), "--onnx", "--out", dir.In("out.onnx"));
        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.ErrLines);
        Assert.StartsWith("error: ", line);
        Assert.Contains(message, line);
        Assert.Equal(before, dir.Entries());
    }

    [Fact]
    public void HelpNamesEveryOption()
    {
        var help = CliHarness.Run("export", "--help");
        Assert.True(help.ExitCode == 0, help.ToString());
        foreach (var option in new[] { "--onnx", "--out <FILE>", "--force", "'images' [batch,", "[default: model.onnx in the model folder]" })
            Assert.Contains(option, help.Out);
        Assert.Contains("export <RUN_DIR>", CliHarness.Run("--help").Out);
    }

    [Fact]
    public void WithoutOnnxTheCommandSaysWhichFormatToName()
    {
        var result = CliHarness.Run("export", fixture.Root, "--out", "x.onnx");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--onnx", Assert.Single(result.ErrLines));
    }
}
