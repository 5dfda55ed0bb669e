using System.Text.Json.Nodes;
using TorchSharp;
using VpDarts.Tests.Cli;
using VpDarts.Tests.Data;
using static VpDarts.Tests.Training.ExportedModels;
using static TorchSharp.torch;

namespace VpDarts.Tests.Training;

/// <summary>
/// A model folder is input from the user: its shape fields are bounded and must agree with the weight file before the
/// network is built, and weights that are not finite are refused instead of predicting NaN.
/// </summary>
public sealed class ModelFileValidationTests
{
    private static void SetKey(string model, string key, JsonNode? value)
    {
        var path = Path.Combine(model, "model.json");
        var json = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        json[key] = value;
        File.WriteAllText(path, json.ToJsonString());
    }

    public static TheoryData<string, string, string> OutOfRange() => new()
    {
        { "layers", "100000", "layers is 100000, expected 1 to 64" },
        { "layers", "65", "layers is 65, expected 1 to 64" },
        { "layers", "0", "layers is 0, expected 1 to 64" },
        { "channels", "2000000", "channels is 2000000, expected 1 to 1024" },
        { "channels", "-4", "channels is -4, expected 1 to 1024" },
        { "classes", "100001", "classes is 100001, expected 1 to 100000" },
        { "input_channels", "4", "input_channels is 4, expected 1 or 3" },
        { "input_size", "1025", "input_size is 1025, expected 4 to 1024" },
        { "input_size", "2", "input_size is 2, expected 4 to 1024" },
        { "std", "[\"Infinity\", 0.25, 0.25]", "std[0] is Infinity, expected a finite value of at least 1e-6" },
        { "std", "[0.25, 1e-40, 0.25]", "std[1] is 1E-40, expected a finite value of at least 1e-6" },
        { "std", "[0.25, 0.25, 0]", "std[2] is 0, expected a finite value of at least 1e-6" },
        { "mean", "[0.5, \"NaN\", 0.5]", "mean[1] is NaN, expected a finite value" },
        { "class_names", "[\"a\\tb\", \"1\", \"2\", \"3\", \"4\", \"5\", \"6\", \"7\", \"8\", \"9\"]", "class_names[0] holds a control character" },
    };

    [Theory]
    [MemberData(nameof(OutOfRange))]
    public void AShapeFieldOutOfRangeIsOneLineNamingTheFileAndTheKey(string key, string value, string expected)
    {
        using var dir = new TempDir();
        var model = Exported(dir);
        SetKey(model, key, JsonNode.Parse(value));
        var path = Path.Combine(model, "model.json");

        var e = Assert.Throws<UserInputException>(() => ModelExport.Load(model));
        Assert.Equal($"{path}: {expected}", e.Message);

        var cli = CliHarness.Run("predict", "--model", model, "--threads", "1", Image(dir));
        Assert.Equal(2, cli.ExitCode);
        Assert.Equal($"error: {path}: {expected}", Assert.Single(cli.ErrLines));
        Assert.Equal("", cli.Out);
    }

    [Theory]
    [InlineData("layers", "\"ten\"", "key 'layers' expects a whole number")]
    [InlineData("mean", "{}", "key 'mean' expects a list")]
    public void AValueOfTheWrongTypeIsNamedInTheFilesWordsNotDotNets(string key, string value, string expected)
    {
        using var dir = new TempDir();
        var model = Exported(dir);
        SetKey(model, key, JsonNode.Parse(value));
        var path = Path.Combine(model, "model.json");

        var e = Assert.Throws<UserInputException>(() => ModelExport.Load(model));
        Assert.Equal($"{path}: not a valid model.json: {expected}", e.Message);
        Assert.DoesNotContain("System.", e.Message);
    }

    [Fact]
    public void AModelJsonThatIsTooLargeIsRefusedUnread()
    {
        using var dir = new TempDir();
        var model = Exported(dir);
        var path = Path.Combine(model, "model.json");
        using (var file = File.OpenWrite(path)) file.SetLength(ModelLimits.MaxInfoBytes + 1);
        var e = Assert.Throws<UserInputException>(() => ModelExport.Load(model));
        Assert.Equal($"{path}: {ModelLimits.MaxInfoBytes + 1} bytes, more than the {ModelLimits.MaxInfoBytes} a model.json may have", e.Message);
    }

    [Fact]
    public void AShapeThatDoesNotGiveTheListedParameterCountIsRefusedBeforeTheNetworkIsBuilt()
    {
        using var dir = new TempDir();
        var model = Exported(dir);
        SetKey(model, "channels", 1024);
        SetKey(model, "layers", 64);   // within the limits: a network of about 64 billion parameters
        var e = Assert.Throws<UserInputException>(() => ModelExport.Load(model));
        Assert.StartsWith($"{Path.Combine(model, "model.json")}: parameter_count ", e.Message);
        Assert.Contains("channels 1024, layers 64", e.Message);
    }

    [Theory]
    [InlineData(ModelFormat.Safetensors)]
    [InlineData(ModelFormat.TorchSharp)]
    public void AWeightFileOfAnotherShapeIsRefusedNamingTheFileAndTheTensor(ModelFormat format)
    {
        using var dir = new TempDir();
        var model = Exported(dir);
        var wide = Exported(dir, "wide", channels: 8);
        File.Copy(Path.Combine(wide, "model.json"), Path.Combine(model, "model.json"), overwrite: true);
        var weights = Path.Combine(model, ModelExport.FileName(format));
        var e = Assert.Throws<UserInputException>(() => ModelExport.Load(model, format));
        Assert.Equal($"{weights}: tensor 'stem.conv.weight' has shape [4,3,3,3], model.json lists [8,3,3,3]", e.Message);
    }

    [Fact]
    public void ASafetensorsHeaderPointingPastTheEndOfTheFileIsRefused()
    {
        using var dir = new TempDir();
        var model = Exported(dir);
        var weights = Path.Combine(model, "model.safetensors");
        var bytes = File.ReadAllBytes(weights);
        var headerLength = (int)BitConverter.ToUInt64(bytes, 0);
        File.WriteAllBytes(weights, bytes[..(8 + headerLength + 16)]);
        var e = Assert.Throws<UserInputException>(() => ModelExport.Load(model));
        Assert.StartsWith($"{weights}: tensor '", e.Message);
        Assert.Contains("beyond the end of the file", e.Message);
    }

    public static TheoryData<ModelFormat, string, float> NonFinite() => new()
    {
        { ModelFormat.Safetensors, "classifier.weight", float.NaN },
        { ModelFormat.TorchSharp, "classifier.weight", float.NaN },
        { ModelFormat.Safetensors, "cells.0.edges.1.bn.running_var", float.PositiveInfinity },
        { ModelFormat.TorchSharp, "stem.conv.weight", float.NegativeInfinity },
    };

    [Theory]
    [MemberData(nameof(NonFinite))]
    public void NonFiniteWeightsAreRefusedNamingTheFileAndTheTensor(ModelFormat format, string tensor, float value)
    {
        using var dir = new TempDir();
        var model = Exported(dir, change: net =>
        {
            using var noGrad = no_grad();
            using var scalar = value.ToScalar();
            net.state_dict()[tensor].fill_(scalar);
        });
        var weights = Path.Combine(model, ModelExport.FileName(format));
        var e = Assert.Throws<UserInputException>(() => ModelExport.Load(model, format));
        Assert.Equal($"{weights}: tensor '{tensor}' holds NaN or infinite values", e.Message);

        var cli = CliHarness.Run("predict", "--model", model, "--format", format == ModelFormat.Safetensors ? "safetensors" : "torchsharp", "--threads", "1", Image(dir));
        Assert.Equal(2, cli.ExitCode);
        Assert.Equal($"error: {weights}: tensor '{tensor}' holds NaN or infinite values", Assert.Single(cli.ErrLines));
        Assert.Equal("", cli.Out);
    }

    /// <summary>Runs predict and export --onnx on <paramref name="model"/> and checks both refuse it with <paramref name="expected"/>, printing and writing nothing.</summary>
    private static void PredictAndExportRefuse(TempDir dir, string model, string expected)
    {
        var image = Image(dir);
        var before = dir.Entries();
        var predict = CliHarness.Run("predict", "--model", model, "--threads", "1", image);
        Assert.Equal(2, predict.ExitCode);
        Assert.Equal($"error: {expected}", Assert.Single(predict.ErrLines));
        Assert.Equal("", predict.Out);

        var export = CliHarness.Run("export", model, "--onnx");
        Assert.Equal(2, export.ExitCode);
        Assert.Equal($"error: {expected}", Assert.Single(export.ErrLines));
        Assert.Equal("", export.Out);
        Assert.False(File.Exists(Path.Combine(model, "model.onnx")));
        Assert.Equal(before, dir.Entries());
    }

    [Theory]
    [InlineData(ModelFormat.Safetensors)]
    [InlineData(ModelFormat.TorchSharp)]
    public void ANegativeBatchNormVarianceIsRefusedNamingTheFileAndTheTensor(ModelFormat format)
    {
        // Finite, so it passed the check for NaN weights; in evaluation mode its square root made every logit NaN.
        const string name = "cells.0.edges.2.bn.running_var";
        using var dir = new TempDir();
        var model = Exported(dir, change: net =>
        {
            using var noGrad = no_grad();
            using var slot = net.state_dict()[name][1];
            using var scalar = (-0.5f).ToScalar();
            slot.fill_(scalar);
        });
        var weights = Path.Combine(model, ModelExport.FileName(format));
        var expected = $"{weights}: tensor '{name}' holds negative values; a batch-norm variance cannot be negative";
        var e = Assert.Throws<UserInputException>(() => ModelExport.Load(model, format));
        Assert.Equal(expected, e.Message);
        if (format == ModelFormat.Safetensors) PredictAndExportRefuse(dir, model, expected);
    }

    [Fact]
    public void FiniteWeightsThatOverflowToNonFiniteLogitsAreRefused()
    {
        // Every weight is finite, but a noisy image times 1e37 overflows float32 in the first convolution.
        using var dir = new TempDir();
        var model = Exported(dir, change: net =>
        {
            using var noGrad = no_grad();
            using var scalar = 1e37f.ToScalar();
            net.state_dict()["stem.conv.weight"].fill_(scalar);
        });
        var weights = Path.Combine(model, ModelExport.SafetensorsFile);
        var e = Assert.Throws<UserInputException>(() => ModelExport.Load(model));
        Assert.Matches(@"^.*/model\.safetensors: the network computes (NaN|infinite) logits for a seeded random input in evaluation mode; these weights cannot classify anything$", e.Message);
        Assert.StartsWith($"{weights}: ", e.Message);
        PredictAndExportRefuse(dir, model, e.Message);
    }
}
